#include "common/rpc/caller.h"

#include "absl/strings/ascii.h"

namespace laso::rpc {

absl::Status RequireRole(const Caller& caller, std::initializer_list<Role> roles) {
  for (Role role : roles) {
    if (caller.role() == role) return absl::OkStatus();
  }
  if (caller.role() == Role::ANONYMOUS) return absl::UnauthenticatedError("Vui lòng đăng nhập.");
  return absl::PermissionDeniedError("Bạn không có quyền thực hiện thao tác này.");
}

bool HasConsent(const Caller& caller, absl::string_view purpose) {
  for (const std::string& granted : caller.consents()) {
    if (granted == purpose) return true;
  }
  return false;
}

std::string RoleName(Role role) {
  std::string name = laso::common::v1::Role_Name(role);
  return absl::AsciiStrToLower(name);
}

}  // namespace laso::rpc
