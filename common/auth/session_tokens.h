#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/crypto/jwt.h"
#include "common/grpc/identity.h"
#include "common/time/clock.h"

namespace laso::gateway {

struct TokenOptions {
  std::string issuer = "laso";
  std::string audience = "laso-api";
  absl::Duration session_ttl = absl::Hours(1);
};

struct IssuedToken {
  std::string token;
  absl::Time expires_at;
};

// The gateway's own tokens (JWT HS256, keys with ids for rotation): short-lived
// sessions for residents signed in with Zalo, and longer-lived tokens for staff
// and integrations issued with `laso token`. Both name a Caller.
class SessionTokens {
 public:
  SessionTokens(crypto::JwtKeys keys, TokenOptions options, const Clock* clock)
      : keys_(std::move(keys)), options_(std::move(options)), clock_(clock) {}

  // A resident's session: sub "zalo:<id>", role citizen, the verified phone if any.
  absl::StatusOr<IssuedToken> IssueSession(const std::string& zalo_id, const std::string& name,
                                           const std::string& phone) const;
  // Staff and integration tokens: sub "staff:<name>".
  absl::StatusOr<IssuedToken> IssueStaff(rpc::Role role, const std::string& name, const std::string& agency,
                                         absl::Duration ttl) const;

  // The caller a bearer token stands for, and when it expires; UNAUTHENTICATED otherwise.
  absl::StatusOr<rpc::Caller> Verify(absl::string_view token, absl::Time* expires_at = nullptr) const;

 private:
  absl::StatusOr<IssuedToken> Issue(nlohmann::json claims, absl::Duration ttl) const;
  crypto::JwtKeys keys_;
  TokenOptions options_;
  const Clock* clock_;
};

// The role named in tokens ("citizen", "operator", ...), or ROLE_UNSPECIFIED.
rpc::Role ParseRoleName(absl::string_view name);

}  // namespace laso::gateway
