#include "services/gateway/session_tokens.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/random.h"

namespace laso::gateway {

using nlohmann::json;

rpc::Role ParseRoleName(absl::string_view name) {
  rpc::Role role;
  if (!laso::common::v1::Role_Parse(absl::AsciiStrToUpper(name), &role)) return rpc::Role::ROLE_UNSPECIFIED;
  return role;
}

absl::StatusOr<IssuedToken> SessionTokens::Issue(json claims, absl::Duration ttl) const {
  absl::Time now = clock_->Now();
  absl::Time expires = now + ttl;
  claims["iss"] = options_.issuer;
  claims["aud"] = options_.audience;
  claims["iat"] = absl::ToUnixSeconds(now);
  claims["exp"] = absl::ToUnixSeconds(expires);
  claims["jti"] = crypto::RandomToken(12);
  auto token = keys_.Sign(claims);
  if (!token.ok()) return token.status();
  return IssuedToken{std::move(*token), absl::FromUnixSeconds(absl::ToUnixSeconds(expires))};
}

absl::StatusOr<IssuedToken> SessionTokens::IssueSession(const std::string& zalo_id, const std::string& name,
                                                        const std::string& phone) const {
  json claims = {{"sub", absl::StrCat("zalo:", zalo_id)}, {"role", "citizen"}, {"typ", "session"}};
  if (!name.empty()) claims["name"] = name;
  if (!phone.empty()) claims["phone"] = phone;
  return Issue(std::move(claims), options_.session_ttl);
}

absl::StatusOr<IssuedToken> SessionTokens::IssueStaff(rpc::Role role, const std::string& name,
                                                      const std::string& agency, absl::Duration ttl) const {
  if (role == rpc::Role::CITIZEN || role == rpc::Role::ANONYMOUS || role == rpc::Role::ROLE_UNSPECIFIED) {
    return absl::InvalidArgumentError("staff tokens are for operator, officer, admin, integration or tracker");
  }
  if (role == rpc::Role::OFFICER && agency.empty()) {
    return absl::InvalidArgumentError("an officer token needs --agency");
  }
  if (name.empty()) return absl::InvalidArgumentError("a staff token needs a name");
  json claims = {{"sub", absl::StrCat("staff:", name)}, {"role", rpc::RoleName(role)}, {"typ", "staff"}};
  if (!agency.empty()) claims["agency"] = agency;
  return Issue(std::move(claims), ttl);
}

absl::StatusOr<rpc::Caller> SessionTokens::Verify(absl::string_view token, absl::Time* expires_at) const {
  crypto::JwtValidation rules;
  rules.issuer = options_.issuer;
  rules.audience = options_.audience;
  auto claims = keys_.Verify(token, rules, clock_->Now());
  if (!claims.ok()) return claims.status();
  auto text = [&](const char* key) {
    return claims->contains(key) && (*claims)[key].is_string() ? (*claims)[key].get<std::string>() : std::string();
  };
  rpc::Caller caller;
  caller.set_subject(text("sub"));
  caller.set_role(ParseRoleName(text("role")));
  caller.set_name(text("name"));
  caller.set_phone(text("phone"));
  caller.set_agency(text("agency"));
  bool citizen = caller.role() == rpc::Role::CITIZEN;
  if (caller.role() == rpc::Role::ROLE_UNSPECIFIED || caller.role() == rpc::Role::ANONYMOUS ||
      citizen != absl::StartsWith(caller.subject(), "zalo:") ||
      (!citizen && !absl::StartsWith(caller.subject(), "staff:"))) {
    return absl::UnauthenticatedError("invalid token: bad subject or role");
  }
  // As a double: "exp" may be fractional or (in a token we signed, but still) out of int64's range.
  if (expires_at != nullptr) *expires_at = absl::FromUnixSeconds(0) + absl::Seconds((*claims)["exp"].get<double>());
  return caller;
}

}  // namespace laso::gateway
