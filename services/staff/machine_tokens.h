#pragma once

#include "absl/status/statusor.h"
#include "common/auth/session_tokens.h"
#include "common/rpc/caller.h"
#include "services/staff/revocation_publisher.h"
#include "services/staff/staff_config.h"
#include "services/staff/staff_view.h"

// Tokens for systems (the one-stop system, utilities, vehicle trackers,
// scripts): each has an id, a name and an expiry, is listed, and is revoked
// on every gateway within seconds. The bearer token is shown once and never stored.
namespace laso::staff {

class MachineTokens {
 public:
  MachineTokens(StaffStore& store, const auth::SessionTokens& tokens, RevocationPublisher& revocations,
                SessionOptions options, const Clock* clock)
      : store_(store), tokens_(tokens), revocations_(revocations), options_(std::move(options)), clock_(clock) {}

  absl::StatusOr<v1::IssuedMachineToken> Create(const rpc::Caller& caller, const v1::CreateMachineTokenRequest& req);
  absl::StatusOr<v1::ListMachineTokensResponse> List(const rpc::Caller& caller, const v1::ListMachineTokensRequest& req);
  absl::StatusOr<v1::MachineToken> Revoke(const rpc::Caller& caller, const v1::RevokeMachineTokenRequest& req);

 private:
  StaffStore& store_;
  const auth::SessionTokens& tokens_;
  RevocationPublisher& revocations_;
  SessionOptions options_;
  const Clock* clock_;
};

}  // namespace laso::staff
