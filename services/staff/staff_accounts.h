#pragma once

#include "absl/status/statusor.h"
#include "common/audit/audit.h"
#include "common/rpc/caller.h"
#include "services/staff/credentials.h"
#include "services/staff/staff_sessions.h"

// Admins managing people: create (with a one-time password and a TOTP
// enrolment), change a name, role or agency, disable, reset, end sessions,
// list; supervisors and operators list the officers they can assign work to.
namespace laso::staff {

class StaffAccounts {
 public:
  StaffAccounts(StaffStore& store, Credentials& credentials, StaffSessions& sessions, std::string totp_issuer,
                const Clock* clock)
      : store_(store), credentials_(credentials), sessions_(sessions), totp_issuer_(std::move(totp_issuer)),
        clock_(clock) {}

  absl::StatusOr<v1::StaffEnrolment> Create(const rpc::Caller& caller, const v1::CreateStaffRequest& req);
  absl::StatusOr<v1::StaffMember> Get(const rpc::Caller& caller, const v1::GetStaffRequest& req);
  absl::StatusOr<v1::ListStaffResponse> List(const rpc::Caller& caller, const v1::ListStaffRequest& req);
  absl::StatusOr<v1::StaffMember> Update(const rpc::Caller& caller, const v1::UpdateStaffRequest& req);
  absl::StatusOr<v1::StaffEnrolment> Reset(const rpc::Caller& caller, const v1::ResetStaffRequest& req);
  absl::StatusOr<v1::RevokeSessionsResponse> RevokeSessions(const rpc::Caller& caller,
                                                            const v1::RevokeSessionsRequest& req);
  absl::StatusOr<v1::ListSessionsResponse> ListSessions(const rpc::Caller& caller, const v1::ListSessionsRequest& req);

 private:
  absl::StatusOr<Account> Find(const std::string& username);
  // The audit event of an admin's act on an account.
  outbox::Event AuditOf(const rpc::Caller& caller, const std::string& action, const Account& account) const;
  v1::StaffEnrolment Enrolment(const Account& account, const NewCredentials& fresh) const;

  StaffStore& store_;
  Credentials& credentials_;
  StaffSessions& sessions_;
  std::string totp_issuer_;
  const Clock* clock_;
};

}  // namespace laso::staff
