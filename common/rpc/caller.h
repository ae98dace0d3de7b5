#pragma once

#include <initializer_list>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "laso/common/v1/caller.pb.h"

// Who is calling and on what request: what a service's domain code sees of a
// call, whatever carried it (gRPC in production, a direct call in tests). The
// gRPC adapter fills it from verified metadata (common/grpc/call.h); nothing
// here depends on gRPC, so domain libraries link without it.
namespace laso::rpc {

using laso::common::v1::Caller;
using laso::common::v1::Role;

struct Call {
  Caller caller;
  std::string request_id;
  std::string accept_language;
  std::string idempotency_key;  // Idempotency-Key the client sent for a retried write, or ""
};

// PERMISSION_DENIED (or UNAUTHENTICATED for an anonymous caller) unless the
// caller has one of the roles.
absl::Status RequireRole(const Caller& caller, std::initializer_list<Role> roles);

// Short names for logs and checks: "citizen", "operator", ...
std::string RoleName(Role role);

// Whether a resident's session carries their consent to an optional purpose
// of the privacy notice ("location_reminders", ...).
bool HasConsent(const Caller& caller, absl::string_view purpose);

}  // namespace laso::rpc
