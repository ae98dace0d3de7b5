#pragma once

#include <string>

#include <vector>

#include "absl/status/status.h"
#include "common/status/page_token.h"
#include "laso/staff/v1/staff.pb.h"
#include "services/staff/staff_store.h"

// How accounts, sessions and tokens look in answers, and the checks on what
// admins type in (usernames, names, roles, agencies).
namespace laso::staff {

namespace v1 = laso::staff::v1;

v1::StaffMember StaffMemberOf(const Account& account);
v1::SessionRecord SessionRecordOf(const SessionRow& session);
v1::MachineToken MachineTokenOf(const MachineTokenRow& token);

// Lowercase, trimmed; INVALID_ARGUMENT (field "username") unless 3-32 of a-z 0-9 . - _.
absl::StatusOr<std::string> NormalizeUsername(absl::string_view username);
absl::Status CheckDisplayName(absl::string_view name);
// A person's role (operator, officer, supervisor, admin) and the agency it needs (officers, supervisors) or refuses.
absl::Status CheckStaffRole(rpc::Role role, absl::string_view agency);
absl::Status CheckAgencyCode(absl::string_view field, absl::string_view agency);

// A one-time password for a new or reset account: 4 groups of 4 from an
// alphabet without look-alikes (no 0/O, 1/l/I), e.g. "Hx7k-P2mR-9vTa-4hWe".
std::string NewOneTimePassword();

}  // namespace laso::staff
