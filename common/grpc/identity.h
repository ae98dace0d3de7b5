#pragma once

#include <string>

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/crypto/hmac_key.h"
#include "common/crypto/key_file.h"
#include "common/time/clock.h"
#include "common/rpc/caller.h"

// The caller's identity travels from the gateway to services as metadata,
// signed with a key only they share: x-laso-caller-bin (the serialized Caller)
// and x-laso-caller-mac (hex HMAC-SHA256). A service believes a caller only
// when the MAC verifies and the identity is fresh; anything else is
// UNAUTHENTICATED, so nobody can reach a service around the gateway and claim
// to be somebody.
namespace laso::rpc {

inline constexpr char kCallerHeader[] = "x-laso-caller-bin";
inline constexpr char kCallerMacHeader[] = "x-laso-caller-mac";
inline constexpr char kRequestIdHeader[] = "x-request-id";

class IdentitySigner {
 public:
  IdentitySigner(const std::string& key, const Clock* clock) : key_(key), clock_(clock) {}
  // Stamps issued_at and attaches the signed identity to an outgoing call.
  void Attach(Caller caller, grpc::ClientContext* ctx) const;

 private:
  crypto::HmacSha256Key key_;
  const Clock* clock_;
};

class IdentityVerifier {
 public:
  IdentityVerifier(const std::string& key, absl::Duration max_age, const Clock* clock)
      : key_(key), max_age_(max_age), clock_(clock) {}
  absl::StatusOr<Caller> Verify(const grpc::ServerContextBase& ctx) const;

 private:
  crypto::HmacSha256Key key_;
  absl::Duration max_age_;
  const Clock* clock_;
};

// The internal key: internal.key_file, or <data_dir>/keys/internal.key, created
// on first use (mode 0600) so that the gateway and services on one machine share it.
absl::StatusOr<std::string> LoadInternalKey(const std::string& key_file, const std::string& data_dir,
                                            const Clock* clock,
                                            crypto::MissingKey missing = crypto::MissingKey::kCreate);

}  // namespace laso::rpc
