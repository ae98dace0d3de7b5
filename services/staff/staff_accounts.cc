#include "services/staff/staff_accounts.h"

#include "absl/strings/str_cat.h"
#include "common/crypto/random.h"
#include "common/crypto/totp.h"
#include "common/log/log.h"
#include "common/status/page_token.h"
#include "common/status/status.h"

namespace laso::staff {
namespace {

using rpc::Role;

absl::Status AdminOnly(const rpc::Caller& caller) { return rpc::RequireRole(caller, {Role::ADMIN}); }

}  // namespace

outbox::Event StaffAccounts::AuditOf(const rpc::Caller& caller, const std::string& action,
                                     const Account& account) const {
  return audit::EventOf("staff", caller, audit::Entry{action, absl::StrCat("staff/", account.username), {}, "", ""},
                        *clock_);
}

absl::StatusOr<Account> StaffAccounts::Find(const std::string& username) {
  LASO_ASSIGN_OR_RETURN(std::string name, NormalizeUsername(username));
  LASO_ASSIGN_OR_RETURN(auto account, store_.FindAccount(name));
  if (!account) return absl::NotFoundError(absl::StrCat("Không có tài khoản ", name, "."));
  return *account;
}

v1::StaffEnrolment StaffAccounts::Enrolment(const Account& account, const NewCredentials& fresh) const {
  v1::StaffEnrolment out;
  *out.mutable_staff() = StaffMemberOf(account);
  out.set_one_time_password(fresh.one_time_password);
  out.set_totp_uri(crypto::TotpUri(totp_issuer_, account.username, fresh.totp_secret));
  out.set_totp_secret(crypto::Base32Encode(fresh.totp_secret));
  return out;
}

absl::StatusOr<v1::StaffEnrolment> StaffAccounts::Create(const rpc::Caller& caller, const v1::CreateStaffRequest& req) {
  LASO_RETURN_IF_ERROR(AdminOnly(caller));
  Account account;
  LASO_ASSIGN_OR_RETURN(account.username, NormalizeUsername(req.username()));
  LASO_RETURN_IF_ERROR(CheckDisplayName(req.display_name()));
  LASO_RETURN_IF_ERROR(CheckStaffRole(req.role(), req.agency()));
  account.id = crypto::NewUlid(clock_->Now());
  account.display_name = req.display_name();
  account.role = req.role();
  account.agency = req.agency();
  account.created_at = account.updated_at = clock_->Now();
  LASO_ASSIGN_OR_RETURN(NewCredentials fresh, credentials_.Renew(account));
  LASO_RETURN_IF_ERROR(store_.InsertAccount(account, AuditOf(caller, "staff.create", account)));
  log::Info("staff account created", {{"staff", account.username}, {"role", rpc::RoleName(account.role)}, {"by", caller.subject()}});
  return Enrolment(account, fresh);
}

absl::StatusOr<v1::StaffMember> StaffAccounts::Get(const rpc::Caller& caller, const v1::GetStaffRequest& req) {
  LASO_RETURN_IF_ERROR(AdminOnly(caller));
  LASO_ASSIGN_OR_RETURN(Account account, Find(req.username()));
  return StaffMemberOf(account);
}

absl::StatusOr<v1::ListStaffResponse> StaffAccounts::List(const rpc::Caller& caller, const v1::ListStaffRequest& req) {
  AccountFilter filter{req.agency(), req.role(), req.include_disabled()};
  if (caller.role() == Role::SUPERVISOR || caller.role() == Role::OPERATOR) {
    // Whom work can be assigned to: the active officers (a supervisor: of their own agency only).
    if (caller.role() == Role::SUPERVISOR) filter.agency = caller.agency();
    if (filter.role != Role::OFFICER && filter.role != Role::SUPERVISOR) filter.role = Role::OFFICER;
    filter.include_disabled = false;
  } else {
    LASO_RETURN_IF_ERROR(AdminOnly(caller));
  }
  LASO_ASSIGN_OR_RETURN(int size, PageSize(req.page_size(), 50, 200));
  LASO_ASSIGN_OR_RETURN(int64_t before, DecodePageToken(req.page_token()));
  LASO_ASSIGN_OR_RETURN(auto accounts, store_.ListAccounts(filter, before, size + 1));
  v1::ListStaffResponse out;
  FillPage(accounts, size, out.mutable_staff(), StaffMemberOf, &out);
  return out;
}

absl::StatusOr<v1::StaffMember> StaffAccounts::Update(const rpc::Caller& caller, const v1::UpdateStaffRequest& req) {
  LASO_RETURN_IF_ERROR(AdminOnly(caller));
  LASO_ASSIGN_OR_RETURN(Account account, Find(req.username()));
  Account before = account;
  if (req.has_display_name()) {
    LASO_RETURN_IF_ERROR(CheckDisplayName(req.display_name().value()));
    account.display_name = req.display_name().value();
  }
  bool new_role = req.role() != Role::ROLE_UNSPECIFIED;
  if (new_role) account.role = req.role();
  if (req.has_agency()) account.agency = req.agency().value();
  if (new_role && !auth::NeedsAgency(account.role) && !req.has_agency()) account.agency.clear();
  LASO_RETURN_IF_ERROR(CheckStaffRole(account.role, account.agency));
  if (req.has_active()) {
    if (!req.active().value() && caller.subject() == absl::StrCat("staff:", account.username)) {
      return absl::FailedPreconditionError("Không thể tự khóa tài khoản của mình.");
    }
    account.active = req.active().value();
  }
  account.updated_at = clock_->Now();
  const char* act = before.active && !account.active   ? "staff.disable"
                    : !before.active && account.active ? "staff.enable"
                                                       : "staff.update";
  LASO_RETURN_IF_ERROR(store_.UpdateAccount(account, AuditOf(caller, act, account)));
  // Tokens carry the role, agency and name: a changed one, or a disabled account, needs new tokens.
  bool changed = account.role != before.role || account.agency != before.agency ||
                 account.display_name != before.display_name || (before.active && !account.active);
  if (changed) LASO_RETURN_IF_ERROR(sessions_.EndAll(account, account.active ? "account changed" : "account disabled").status());
  log::Info("staff account changed", {{"staff", account.username}, {"by", caller.subject()}});
  return StaffMemberOf(account);
}

absl::StatusOr<v1::StaffEnrolment> StaffAccounts::Reset(const rpc::Caller& caller, const v1::ResetStaffRequest& req) {
  LASO_RETURN_IF_ERROR(AdminOnly(caller));
  LASO_ASSIGN_OR_RETURN(Account account, Find(req.username()));
  LASO_ASSIGN_OR_RETURN(NewCredentials fresh, credentials_.Renew(account));
  account.updated_at = clock_->Now();
  LASO_RETURN_IF_ERROR(store_.UpdateAccount(account, AuditOf(caller, "staff.reset", account)));
  LASO_RETURN_IF_ERROR(sessions_.EndAll(account, "credentials reset").status());
  log::Info("staff credentials reset", {{"staff", account.username}, {"by", caller.subject()}});
  return Enrolment(account, fresh);
}

absl::StatusOr<v1::RevokeSessionsResponse> StaffAccounts::RevokeSessions(const rpc::Caller& caller,
                                                                         const v1::RevokeSessionsRequest& req) {
  LASO_RETURN_IF_ERROR(AdminOnly(caller));
  LASO_ASSIGN_OR_RETURN(Account account, Find(req.username()));
  LASO_ASSIGN_OR_RETURN(int ended,
                        sessions_.EndAll(account, "revoked by an admin", AuditOf(caller, "staff.revoke_sessions", account)));
  log::Info("staff sessions revoked", {{"staff", account.username}, {"sessions", ended}, {"by", caller.subject()}});
  v1::RevokeSessionsResponse out;
  out.set_revoked(ended);
  return out;
}

absl::StatusOr<v1::ListSessionsResponse> StaffAccounts::ListSessions(const rpc::Caller& caller,
                                                                     const v1::ListSessionsRequest& req) {
  LASO_RETURN_IF_ERROR(AdminOnly(caller));
  LASO_ASSIGN_OR_RETURN(Account account, Find(req.username()));
  LASO_ASSIGN_OR_RETURN(int size, PageSize(req.page_size(), 20, 100));
  LASO_ASSIGN_OR_RETURN(int64_t before, DecodePageToken(req.page_token()));
  LASO_ASSIGN_OR_RETURN(auto sessions, store_.ListSessions(account.id, before, size + 1));
  v1::ListSessionsResponse out;
  FillPage(sessions, size, out.mutable_sessions(), SessionRecordOf, &out);
  return out;
}

}  // namespace laso::staff
