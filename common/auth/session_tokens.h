#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/crypto/jwt.h"
#include "common/rpc/caller.h"
#include "common/time/clock.h"

namespace laso::auth {

struct TokenOptions {
  std::string issuer = "laso";
  std::string audience = "laso-api";
  absl::Duration session_ttl = absl::Hours(1);  // a resident's session
};

struct IssuedToken {
  std::string token;
  absl::Time expires_at;
};

// What a verified token is, beyond the caller it names.
enum class TokenKind {
  kResident,  // a Zalo sign-in ("typ":"session")
  kStaff,     // a person's access token, part of a sign-in session ("sid") that can be revoked
  kMachine,   // an integration's or tracker's token ("tid"), listed and revocable
};

struct VerifiedToken {
  rpc::Caller caller;
  TokenKind kind = TokenKind::kResident;
  std::string revocable_id;  // "s:<session>" for staff, "t:<token id>" for machines; empty for residents
  absl::Time issued_at;
  absl::Time expires_at;
};

// A resident as a session token names them.
struct ResidentClaims {
  std::string zalo_id;  // sub "zalo:<id>"
  std::string name;
  std::string phone;  // verified in this session, or empty
  // The privacy notice version whose required purpose they accepted, when it
  // is the current one (0: not accepted); the optional purposes they granted.
  int consent_version = 0;
  std::vector<std::string> consents;

  // The claims of a resident's verified caller (for a refresh).
  static ResidentClaims Of(const rpc::Caller& caller);
};

// A staff member as an access token names them.
struct StaffClaims {
  std::string username;      // sub "staff:<username>"
  std::string display_name;  // the name actions are recorded under
  rpc::Role role = rpc::Role::ROLE_UNSPECIFIED;
  std::string agency;        // officers and supervisors
  std::string session_id;    // the sign-in session; revoking it ends every token it issued
};

// A machine token's record (services/staff keeps the list).
struct MachineClaims {
  std::string token_id;
  std::string name;  // sub "machine:<name>"
  rpc::Role role = rpc::Role::ROLE_UNSPECIFIED;
  std::string agency;  // an integration bound to one agency, a tracker's vehicle
};

// laso's bearer tokens (JWT HS256, keys with ids for rotation): residents'
// sessions issued by the gateway after a Zalo sign-in, staff access tokens
// issued by the staff service after a password and TOTP sign-in, and machine
// tokens for integrations and trackers. All name a Caller.
class SessionTokens {
 public:
  SessionTokens(crypto::JwtKeys keys, TokenOptions options, const Clock* clock)
      : keys_(std::move(keys)), options_(std::move(options)), clock_(clock) {}

  // A resident's session: sub "zalo:<id>", role citizen, the verified phone
  // and the consent state if any ("cv", "cp").
  absl::StatusOr<IssuedToken> IssueSession(const ResidentClaims& resident) const;
  absl::StatusOr<IssuedToken> IssueStaff(const StaffClaims& staff, absl::Duration ttl) const;
  absl::StatusOr<IssuedToken> IssueMachine(const MachineClaims& machine, absl::Duration ttl) const;

  // What a bearer token stands for; UNAUTHENTICATED saying why not.
  absl::StatusOr<VerifiedToken> Verify(absl::string_view token) const;

  const Clock* clock() const { return clock_; }

 private:
  absl::StatusOr<IssuedToken> Issue(nlohmann::json claims, absl::Duration ttl) const;
  crypto::JwtKeys keys_;
  TokenOptions options_;
  const Clock* clock_;
};

// The signing keys: the key file (auth.jwt_key_file), created (0600) on first start when `missing` allows.
absl::StatusOr<crypto::JwtKeys> LoadJwtKeys(const std::string& path, const Clock* clock,
                                            crypto::MissingKey missing = crypto::MissingKey::kCreate);

// The role named in tokens ("citizen", "operator", ...), or ROLE_UNSPECIFIED.
rpc::Role ParseRoleName(absl::string_view name);

// Roles a person signs in with, and roles a machine token may carry.
bool IsStaffRole(rpc::Role role);
bool IsMachineRole(rpc::Role role);
// Roles bound to one agency.
bool NeedsAgency(rpc::Role role);

}  // namespace laso::auth
