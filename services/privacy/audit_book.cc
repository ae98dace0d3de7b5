#include "services/privacy/audit_book.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/page_token.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/privacy/consent_book.h"

namespace laso::privacy {
namespace {

constexpr int kDefaultPage = 100;
constexpr int kMaxPage = 500;

struct ActionWords {
  const char* action;
  const char* label;
};
constexpr ActionWords kActionWords[] = {
    {"read", "Xem thông tin cá nhân"},
    {"feedback.assign", "Phân công xử lý phản ánh"},
    {"feedback.accept", "Tiếp nhận xử lý phản ánh"},
    {"feedback.respond", "Trả lời phản ánh"},
    {"feedback.note", "Ghi chú nội bộ về phản ánh"},
    {"feedback.reject", "Từ chối phản ánh"},
    {"feedback.transfer", "Chuyển trả phản ánh"},
    {"feedback.merge", "Gộp phản ánh trùng"},
    {"feedback.prioritize", "Đặt mức ưu tiên phản ánh"},
    {"feedback.recategorize", "Đổi lĩnh vực phản ánh"},
    {"feedback.move", "Sửa vị trí phản ánh"},
    {"feedback.receive", "Tiếp nhận phản ánh qua tổng đài"},
    {"feedback.hide", "Ẩn phản ánh"},
    {"feedback.show", "Hiện lại phản ánh"},
    {"feedback.ban", "Chặn người phản ánh"},
    {"feedback.unban", "Bỏ chặn người phản ánh"},
    {"feedback.redact_attachment", "Gỡ ảnh đính kèm"},
    {"feedback.change_catalog", "Sửa danh mục lĩnh vực, cơ quan, mẫu trả lời"},
    {"staff.create", "Tạo tài khoản cán bộ"},
    {"staff.update", "Sửa tài khoản cán bộ"},
    {"staff.disable", "Khóa tài khoản cán bộ"},
    {"staff.enable", "Mở khóa tài khoản cán bộ"},
    {"staff.reset", "Cấp lại mật khẩu cán bộ"},
    {"staff.revoke_sessions", "Đăng xuất cán bộ khỏi mọi thiết bị"},
    {"staff.issue_token", "Cấp mã truy cập cho hệ thống"},
    {"staff.revoke_token", "Thu hồi mã truy cập của hệ thống"},
    {"waste.put_route", "Cập nhật tuyến thu gom"},
    {"waste.register_tracker", "Đăng ký thiết bị định vị xe"},
    {"billing.put_provider", "Cập nhật nhà cung cấp điện nước"},
    {"privacy.erase", "Xóa dữ liệu cá nhân theo yêu cầu"},
};

// One page of entries matching `filter` into `answer` (the page size and token as the request gives them).
template <typename Items, typename View, typename Answer>
absl::Status FillFrom(sql::Database& db, AuditFilter filter, int page_size, const std::string& page_token, Items* items,
                      View view, Answer* answer) {
  auto size = PageSize(page_size, kDefaultPage, kMaxPage);
  if (!size.ok()) return size.status();
  auto before = DecodePageToken(page_token);
  if (!before.ok()) return before.status();
  filter.before_seq = *before;
  filter.limit = *size + 1;
  auto rows = FindAudit(db, filter);
  if (!rows.ok()) return rows.status();
  FillPage(*rows, *size, items, view, answer);
  return absl::OkStatus();
}

std::string ByWhom(const AuditRow& row) {
  const audit::Recorded& r = row.recorded;
  if (!r.agency.empty()) return r.agency;
  if (r.actor_role == rpc::RoleName(rpc::Role::OPERATOR)) return "1022";
  return "admin";
}

}  // namespace

std::string ActionLabel(absl::string_view action) {
  action = action.substr(0, action.find(':'));  // "feedback.reject:SPAM"
  for (const ActionWords& w : kActionWords) {
    if (action == w.action) return w.label;
  }
  if (absl::StartsWith(action, "feedback.")) return "Xử lý phản ánh";
  return "Thao tác của cán bộ";
}

v1::AuditEntry AuditEntryOf(const AuditRow& row) {
  const audit::Recorded& r = row.recorded;
  v1::AuditEntry out;
  out.set_seq(row.seq);
  SetTimestamp(r.at, out.mutable_at());
  out.set_service(r.service);
  out.set_actor(r.actor);
  out.set_actor_role(r.actor_role);
  out.set_agency(r.agency);
  out.set_ip(r.ip);
  out.set_action(r.entry.action);
  out.set_record(r.entry.record);
  for (const std::string& f : r.entry.fields) out.add_fields(f);
  out.set_reason(r.entry.reason);
  out.set_person_key(r.entry.person);
  out.set_prev_hash(row.prev_hash);
  out.set_hash(row.hash);
  return out;
}

v1::AccessLogEntry AccessLogEntryOf(const AuditRow& row) {
  const audit::Recorded& r = row.recorded;
  v1::AccessLogEntry out;
  SetTimestamp(r.at, out.mutable_at());
  std::string by = ByWhom(row);
  out.set_agency(by);
  out.set_by(by == "1022" ? "Tổng đài 1022" : by == "admin" ? "Quản trị hệ thống" : absl::StrCat("Cơ quan ", by));
  out.set_action(r.entry.action);
  out.set_action_label(ActionLabel(r.entry.action));
  out.set_record(r.entry.record);
  for (const std::string& f : r.entry.fields) out.add_fields(f);
  return out;
}

absl::StatusOr<absl::Time> ParseWindowEdge(absl::string_view field, absl::string_view text, bool is_end) {
  if (text.empty()) return is_end ? absl::InfiniteFuture() : absl::InfinitePast();
  if (text.size() == 10) {
    auto day = ParseIsoDate(text);
    if (!day.ok()) return InvalidField(field, "Ngày viết dạng YYYY-MM-DD.");
    return VietnamStartOfDay(is_end ? *day + 1 : *day);
  }
  auto t = ParseRfc3339(text);
  if (!t.ok()) return InvalidField(field, "Thời điểm viết theo RFC 3339 (2026-12-01T08:00:00+07:00) hoặc là một ngày.");
  return *t;
}

std::string AuditBook::PersonKey(const std::string& subject) const {
  return subject.empty() ? "" : vault_.LookupHash(subject);
}

absl::StatusOr<int> AuditBook::Take(sql::Session& session, const std::vector<outbox::StreamEvent>& events) const {
  std::vector<AuditRow> rows;
  for (const outbox::StreamEvent& event : events) {
    if (event.type != audit::kEventType) continue;
    auto recorded = audit::Parse(event.id, event.payload);
    if (!recorded.ok()) {
      log::Error("an audit event does not parse; it is left out of the log",
                 {{"event", event.id}, {"source", event.source}, {"error", std::string(recorded.status().message())}});
      continue;
    }
    recorded->entry.person = PersonKey(recorded->entry.person);
    rows.push_back(AuditRow{0, *std::move(recorded), "", ""});
  }
  if (rows.empty()) return 0;
  return AppendAudit(session, std::move(rows));
}

absl::StatusOr<v1::ListAuditResponse> AuditBook::List(const rpc::Caller& caller,
                                                       const v1::ListAuditRequest& req) const {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::ADMIN, rpc::Role::DPO}); !s.ok()) return s;
  AuditFilter filter;
  filter.actor = req.actor();
  if (!req.subject().empty()) {
    bool bare = req.subject().find(':') == std::string::npos;
    filter.person_key = PersonKey(bare ? absl::StrCat("zalo:", req.subject()) : req.subject());
  }
  filter.agency = req.agency();
  auto from = ParseWindowEdge("from", req.from(), false);
  if (!from.ok()) return from.status();
  auto to = ParseWindowEdge("to", req.to(), true);
  if (!to.ok()) return to.status();
  filter.from = *from;
  filter.to = *to;
  v1::ListAuditResponse out;
  if (auto s = FillFrom(db_, filter, req.page_size(), req.page_token(), out.mutable_entries(), AuditEntryOf, &out); !s.ok()) {
    return s;
  }
  return out;
}

absl::StatusOr<v1::ListMyAccessLogResponse> AuditBook::Mine(const rpc::Caller& caller,
                                                            const v1::ListMyAccessLogRequest& req) const {
  if (auto s = RequireResident(caller); !s.ok()) return s;
  AuditFilter filter;
  filter.person_key = PersonKey(caller.subject());
  v1::ListMyAccessLogResponse out;
  if (auto s = FillFrom(db_, filter, req.page_size(), req.page_token(), out.mutable_entries(), AccessLogEntryOf, &out);
      !s.ok()) {
    return s;
  }
  return out;
}

}  // namespace laso::privacy
