#pragma once

#include <string>

#include <grpcpp/client_context.h>

#include "common/grpc/identity.h"
#include "common/time/clock.h"

namespace laso::testing {

// Plays the gateway's part in service tests: one internal key, a verifier for
// the service under test and a signer for the calls the test makes.
class TestIdentity {
 public:
  explicit TestIdentity(const Clock* clock = RealClock::Get());
  // With a given internal key, e.g. the one a gateway under test signs with.
  TestIdentity(std::string key, const Clock* clock);
  const rpc::IdentityVerifier& verifier() const { return verifier_; }
  const rpc::IdentitySigner& signer() const { return signer_; }
  const std::string& key() const { return key_; }

  // Signs ctx as the given caller.
  void As(const rpc::Caller& caller, grpc::ClientContext* ctx) const { signer_.Attach(caller, ctx); }
  // A resident who accepted the privacy notice (version 1) and granted every optional purpose.
  static rpc::Caller Citizen(const std::string& zalo_id, const std::string& phone = "");
  static rpc::Caller Staff(rpc::Role role, const std::string& name, const std::string& agency = "");
  static rpc::Caller Anonymous();

 private:
  std::string key_;
  rpc::IdentityVerifier verifier_;
  rpc::IdentitySigner signer_;
};

}  // namespace laso::testing
