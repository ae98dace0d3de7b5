#include "services/staff/staff_view.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/auth/session_tokens.h"
#include "common/crypto/random.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"

namespace laso::staff {

v1::StaffMember StaffMemberOf(const Account& a) {
  v1::StaffMember m;
  m.set_username(a.username);
  m.set_display_name(a.display_name);
  m.set_role(a.role);
  m.set_agency(a.agency);
  m.set_active(a.active);
  SetTimestamp(a.created_at, m.mutable_created_at());
  if (a.last_sign_in_at) SetTimestamp(*a.last_sign_in_at, m.mutable_last_sign_in_at());
  m.set_password_change_required(a.must_change_password);
  return m;
}

v1::SessionRecord SessionRecordOf(const SessionRow& s) {
  v1::SessionRecord r;
  r.set_id(s.id);
  SetTimestamp(s.created_at, r.mutable_created_at());
  SetTimestamp(s.last_used_at, r.mutable_last_used_at());
  SetTimestamp(s.expires_at, r.mutable_expires_at());
  if (s.ended_at) SetTimestamp(*s.ended_at, r.mutable_ended_at());
  r.set_end_reason(s.end_reason);
  r.set_client_network(s.client_network);
  return r;
}

v1::MachineToken MachineTokenOf(const MachineTokenRow& t) {
  v1::MachineToken m;
  m.set_id(t.id);
  m.set_name(t.name);
  m.set_role(t.role);
  m.set_agency(t.agency);
  SetTimestamp(t.created_at, m.mutable_created_at());
  SetTimestamp(t.expires_at, m.mutable_expires_at());
  if (t.revoked_at) SetTimestamp(*t.revoked_at, m.mutable_revoked_at());
  m.set_created_by(t.created_by);
  return m;
}

absl::StatusOr<std::string> NormalizeUsername(absl::string_view username) {
  std::string u = absl::AsciiStrToLower(absl::StripAsciiWhitespace(username));
  bool ok = u.size() >= 3 && u.size() <= 32;
  for (char c : u) ok = ok && (absl::ascii_isalnum(c) || c == '.' || c == '-' || c == '_');
  if (!ok) return InvalidField("username", "Tên đăng nhập gồm 3-32 ký tự: chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.");
  return u;
}

absl::Status CheckDisplayName(absl::string_view name) { return text::ValidateText("displayName", name, 2, 100); }

absl::Status CheckAgencyCode(absl::string_view field, absl::string_view agency) {
  bool ok = !agency.empty() && agency.size() <= 32;
  for (char c : agency) ok = ok && (absl::ascii_isalnum(c) || c == '.' || c == '-' || c == '_');
  if (!ok) return InvalidField(field, "Mã cơ quan gồm tối đa 32 ký tự: chữ không dấu, số, dấu chấm, gạch ngang.");
  return absl::OkStatus();
}

absl::Status CheckStaffRole(rpc::Role role, absl::string_view agency) {
  if (!auth::IsStaffRole(role)) {
    return InvalidField("role", "Vai trò của cán bộ là OPERATOR, OFFICER, SUPERVISOR, ADMIN hoặc DPO.");
  }
  if (auth::NeedsAgency(role)) return CheckAgencyCode("agency", agency);
  if (!agency.empty()) return InvalidField("agency", "Chỉ cán bộ cơ quan (OFFICER, SUPERVISOR) thuộc một cơ quan.");
  return absl::OkStatus();
}

std::string NewOneTimePassword() {
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  constexpr size_t kSize = sizeof kAlphabet - 1;
  while (true) {
    std::string bytes = crypto::RandomBytes(32);
    std::string out;
    bool lower = false, upper = false, digit = false;
    for (size_t i = 0; out.size() < 19 && i < bytes.size(); ++i) {
      unsigned char b = static_cast<unsigned char>(bytes[i]);
      if (b >= 256 - 256 % kSize) continue;  // no modulo bias
      if (out.size() % 5 == 4) out += '-';
      char c = kAlphabet[b % kSize];
      lower |= absl::ascii_islower(c);
      upper |= absl::ascii_isupper(c);
      digit |= absl::ascii_isdigit(c);
      out += c;
    }
    if (out.size() == 19 && lower && upper && digit) return out;
  }
}

}  // namespace laso::staff
