#include "services/staff/machine_tokens.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/random.h"
#include "common/log/log.h"
#include "common/status/page_token.h"
#include "common/status/status.h"
#include "common/audit/audit.h"

namespace laso::staff {
namespace {

absl::Status CheckName(absl::string_view name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) ok = ok && (absl::ascii_isalnum(c) || c == '.' || c == '-' || c == '_');
  if (!ok) return InvalidField("name", "Tên gồm tối đa 64 ký tự: chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::IssuedMachineToken> MachineTokens::Create(const rpc::Caller& caller,
                                                             const v1::CreateMachineTokenRequest& req) {
  LASO_RETURN_IF_ERROR(rpc::RequireRole(caller, {rpc::Role::ADMIN}));
  LASO_RETURN_IF_ERROR(CheckName(req.name()));
  if (!auth::IsMachineRole(req.role())) {
    return InvalidField("role", "Vai trò của mã truy cập là INTEGRATION hoặc TRACKER (hoặc một vai trò cán bộ cho tập lệnh).");
  }
  if (auth::NeedsAgency(req.role()) || !req.agency().empty()) LASO_RETURN_IF_ERROR(CheckAgencyCode("agency", req.agency()));
  absl::Duration ttl = options_.machine_token_default_ttl;
  if (req.has_ttl()) ttl = absl::Seconds(req.ttl().seconds()) + absl::Nanoseconds(req.ttl().nanos());
  if (ttl <= absl::ZeroDuration() || ttl > options_.machine_token_max_ttl) {
    return InvalidField("ttl", absl::StrCat("Thời hạn phải dương và tối đa ", absl::FormatDuration(options_.machine_token_max_ttl), "."));
  }
  MachineTokenRow row;
  row.id = absl::StrCat("mt_", crypto::NewUlid(clock_->Now()));
  row.name = req.name();
  row.role = req.role();
  row.agency = req.agency();
  row.created_by = caller.subject();
  row.created_at = clock_->Now();
  LASO_ASSIGN_OR_RETURN(auto issued, tokens_.IssueMachine({row.id, row.name, row.role, row.agency}, ttl));
  row.expires_at = issued.expires_at;
  LASO_RETURN_IF_ERROR(store_.InsertMachineToken(
      row, audit::ActOf("staff", caller, "staff.issue_token", absl::StrCat("token/", row.id),
                        absl::StrCat(rpc::RoleName(row.role), " ", row.name), *clock_)));
  log::Info("machine token created", {{"token", row.id}, {"name", row.name}, {"role", rpc::RoleName(row.role)}, {"by", caller.subject()}});
  v1::IssuedMachineToken out;
  *out.mutable_token() = MachineTokenOf(row);
  out.set_bearer_token(issued.token);
  return out;
}

absl::StatusOr<v1::ListMachineTokensResponse> MachineTokens::List(const rpc::Caller& caller,
                                                                  const v1::ListMachineTokensRequest& req) {
  LASO_RETURN_IF_ERROR(rpc::RequireRole(caller, {rpc::Role::ADMIN}));
  LASO_ASSIGN_OR_RETURN(int size, PageSize(req.page_size(), 50, 200));
  LASO_ASSIGN_OR_RETURN(int64_t before, DecodePageToken(req.page_token()));
  LASO_ASSIGN_OR_RETURN(auto rows, store_.ListMachineTokens(req.include_ended(), clock_->Now(), before, size + 1));
  v1::ListMachineTokensResponse out;
  FillPage(rows, size, out.mutable_tokens(), MachineTokenOf, &out);
  return out;
}

absl::StatusOr<v1::MachineToken> MachineTokens::Revoke(const rpc::Caller& caller, const v1::RevokeMachineTokenRequest& req) {
  LASO_RETURN_IF_ERROR(rpc::RequireRole(caller, {rpc::Role::ADMIN}));
  if (req.id().empty() || req.id().size() > 64) return InvalidField("id", "Mã truy cập không hợp lệ.");
  LASO_ASSIGN_OR_RETURN(MachineTokenRow row,
                        store_.RevokeMachineToken(req.id(), clock_->Now(),
                                                  audit::ActOf("staff", caller, "staff.revoke_token",
                                                               absl::StrCat("token/", req.id()), "", *clock_)));
  revocations_.PublishAfterRevoking();
  log::Info("machine token revoked", {{"token", row.id}, {"name", row.name}, {"by", caller.subject()}});
  return MachineTokenOf(row);
}

}  // namespace laso::staff
