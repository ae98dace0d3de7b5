#include "common/auth/session_tokens.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/crypto/random.h"

namespace laso::auth {

using nlohmann::json;

absl::StatusOr<crypto::JwtKeys> LoadJwtKeys(const std::string& path, const Clock* clock, crypto::MissingKey missing) {
  auto keys = crypto::LoadOrCreateKeyFile(path, 32, clock->Now(), missing);
  if (!keys.ok()) return keys.status();
  return crypto::JwtKeys(*keys);
}

rpc::Role ParseRoleName(absl::string_view name) {
  rpc::Role role;
  if (!laso::common::v1::Role_Parse(absl::AsciiStrToUpper(name), &role)) return rpc::Role::ROLE_UNSPECIFIED;
  return role;
}

bool IsStaffRole(rpc::Role role) {
  return role == rpc::Role::OPERATOR || role == rpc::Role::OFFICER || role == rpc::Role::SUPERVISOR ||
         role == rpc::Role::ADMIN || role == rpc::Role::DPO;
}

bool IsMachineRole(rpc::Role role) {
  // Scripts (benchmarks, imports run by the IT team) may hold staff roles too; people sign in.
  return role == rpc::Role::INTEGRATION || role == rpc::Role::TRACKER || IsStaffRole(role);
}

bool NeedsAgency(rpc::Role role) { return role == rpc::Role::OFFICER || role == rpc::Role::SUPERVISOR; }

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

ResidentClaims ResidentClaims::Of(const rpc::Caller& caller) {
  ResidentClaims r;
  absl::string_view subject = caller.subject();
  absl::ConsumePrefix(&subject, "zalo:");
  r.zalo_id = std::string(subject);
  r.name = caller.name();
  r.phone = caller.phone();
  r.consent_version = caller.consent_version();
  r.consents.assign(caller.consents().begin(), caller.consents().end());
  return r;
}

absl::StatusOr<IssuedToken> SessionTokens::IssueSession(const ResidentClaims& r) const {
  if (r.zalo_id.empty()) return absl::InvalidArgumentError("a resident's session needs a Zalo id");
  json claims = {{"sub", absl::StrCat("zalo:", r.zalo_id)}, {"role", "citizen"}, {"typ", "session"}};
  if (!r.name.empty()) claims["name"] = r.name;
  if (!r.phone.empty()) claims["phone"] = r.phone;
  if (r.consent_version > 0) claims["cv"] = r.consent_version;
  if (!r.consents.empty()) claims["cp"] = r.consents;
  return Issue(std::move(claims), options_.session_ttl);
}

absl::StatusOr<IssuedToken> SessionTokens::IssueStaff(const StaffClaims& staff, absl::Duration ttl) const {
  if (!IsStaffRole(staff.role)) return absl::InvalidArgumentError("staff sign in as operator, officer, supervisor, admin or dpo");
  if (NeedsAgency(staff.role) && staff.agency.empty()) return absl::InvalidArgumentError("an officer needs an agency");
  if (staff.username.empty() || staff.session_id.empty()) return absl::InvalidArgumentError("a staff token needs a user and a session");
  json claims = {{"sub", absl::StrCat("staff:", staff.username)},
                 {"role", rpc::RoleName(staff.role)},
                 {"typ", "staff"},
                 {"sid", staff.session_id}};
  if (!staff.display_name.empty()) claims["name"] = staff.display_name;
  if (!staff.agency.empty()) claims["agency"] = staff.agency;
  return Issue(std::move(claims), ttl);
}

absl::StatusOr<IssuedToken> SessionTokens::IssueMachine(const MachineClaims& machine, absl::Duration ttl) const {
  if (!IsMachineRole(machine.role)) {
    return absl::InvalidArgumentError("machine tokens are for integration, tracker, operator, officer, supervisor or admin");
  }
  if (NeedsAgency(machine.role) && machine.agency.empty()) return absl::InvalidArgumentError("an officer token needs --agency");
  if (machine.name.empty() || machine.token_id.empty()) return absl::InvalidArgumentError("a machine token needs a name and an id");
  json claims = {{"sub", absl::StrCat("machine:", machine.name)},
                 {"role", rpc::RoleName(machine.role)},
                 {"typ", "machine"},
                 {"tid", machine.token_id},
                 {"name", machine.name}};
  if (!machine.agency.empty()) claims["agency"] = machine.agency;
  return Issue(std::move(claims), ttl);
}

absl::StatusOr<VerifiedToken> SessionTokens::Verify(absl::string_view token) const {
  crypto::JwtValidation rules;
  rules.issuer = options_.issuer;
  rules.audience = options_.audience;
  auto claims = keys_.Verify(token, rules, clock_->Now());
  if (!claims.ok()) return claims.status();
  auto text = [&](const char* key) {
    return claims->contains(key) && (*claims)[key].is_string() ? (*claims)[key].get<std::string>() : std::string();
  };
  VerifiedToken out;
  rpc::Caller& caller = out.caller;
  caller.set_subject(text("sub"));
  caller.set_role(ParseRoleName(text("role")));
  caller.set_name(text("name"));
  caller.set_phone(text("phone"));
  caller.set_agency(text("agency"));
  std::string type = text("typ");
  auto bad = [] { return absl::UnauthenticatedError("invalid token: bad subject or role"); };
  if (type == "session") {
    if (caller.role() != rpc::Role::CITIZEN || !absl::StartsWith(caller.subject(), "zalo:")) return bad();
    out.kind = TokenKind::kResident;
    if (claims->contains("cv") && (*claims)["cv"].is_number_integer()) {
      caller.set_consent_version(static_cast<int32_t>((*claims)["cv"].get<int64_t>()));
    }
    if (claims->contains("cp") && (*claims)["cp"].is_array()) {
      for (const auto& purpose : (*claims)["cp"]) {
        if (purpose.is_string()) caller.add_consents(purpose.get<std::string>());
      }
    }
  } else if (type == "staff") {
    std::string sid = text("sid");
    if (!IsStaffRole(caller.role()) || !absl::StartsWith(caller.subject(), "staff:") || sid.empty()) return bad();
    out.kind = TokenKind::kStaff;
    out.revocable_id = absl::StrCat("s:", sid);
  } else if (type == "machine") {
    std::string tid = text("tid");
    if (!IsMachineRole(caller.role()) || !absl::StartsWith(caller.subject(), "machine:") || tid.empty()) return bad();
    out.kind = TokenKind::kMachine;
    out.revocable_id = absl::StrCat("t:", tid);
  } else {
    return bad();
  }
  if (NeedsAgency(caller.role()) && caller.agency().empty()) return bad();
  // As doubles: "exp" may be fractional or (in a token we signed, but still) out of int64's range.
  out.expires_at = absl::FromUnixSeconds(0) + absl::Seconds((*claims)["exp"].get<double>());
  if (claims->contains("iat") && (*claims)["iat"].is_number()) {
    out.issued_at = absl::FromUnixSeconds(0) + absl::Seconds((*claims)["iat"].get<double>());
  }
  return out;
}

}  // namespace laso::auth
