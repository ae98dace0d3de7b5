#include "common/crypto/jwt.h"

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/crypto/hash.h"

namespace laso::crypto {
namespace {

using nlohmann::json;

absl::Status Refuse(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", why));
}

std::string B64Url(absl::string_view bytes) {
  std::string out;
  absl::WebSafeBase64Escape(bytes, &out);
  return out;
}

// Strict base64url: no padding, no other alphabets, and only the canonical spelling. The last character of a
// part carries unused low bits that a lenient decoder ignores; without this check a signature could be spelled
// several ways and a token altered in one character would still verify.
bool DecodeB64Url(absl::string_view in, std::string* out) {
  for (char c : in) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return absl::WebSafeBase64Unescape(in, out) && B64Url(*out) == in;
}

bool DecodeJsonObject(absl::string_view part, json* out) {
  std::string text;
  if (!DecodeB64Url(part, &text)) return false;
  *out = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return out->is_object();
}

// NumericDate per RFC 7519: seconds since the epoch, possibly fractional.
bool ReadTime(const json& claims, const char* name, absl::Time* out, bool* present) {
  *present = claims.contains(name);
  if (!*present) return true;
  const json& v = claims[name];
  if (!v.is_number()) return false;
  *out = absl::FromUnixSeconds(0) + absl::Seconds(v.get<double>());
  return true;
}

bool AudienceMatches(const json& aud, absl::string_view want) {
  if (aud.is_string()) return aud.get<std::string>() == want;
  if (!aud.is_array()) return false;
  for (const json& a : aud) {
    if (a.is_string() && a.get<std::string>() == want) return true;
  }
  return false;
}

}  // namespace

JwtKeys::JwtKeys(const std::vector<NamedKey>& keys) {
  for (const NamedKey& key : keys) Add(key.id, key.secret);
}

void JwtKeys::Add(absl::string_view kid, absl::string_view secret) {
  keys_.push_back({std::string(kid), HmacSha256Key(secret)});
}

const JwtKeys::Key* JwtKeys::Find(absl::string_view kid) const {
  for (const Key& key : keys_) {
    if (key.id == kid) return &key;
  }
  return nullptr;
}

absl::StatusOr<std::string> JwtKeys::Sign(const json& claims) const {
  if (keys_.empty()) return absl::FailedPreconditionError("no JWT signing key");
  if (!claims.is_object()) return absl::InvalidArgumentError("JWT claims must be an object");
  const Key& key = keys_.back();
  json header = {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", key.id}};
  std::string signing_input = absl::StrCat(B64Url(header.dump()), ".", B64Url(claims.dump()));
  return absl::StrCat(signing_input, ".", B64Url(key.mac.Sign(signing_input)));
}

absl::StatusOr<json> JwtKeys::Verify(absl::string_view token, const JwtValidation& rules,
                                     absl::Time now) const {
  if (token.size() > kMaxJwtBytes) return Refuse("too long");
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) return Refuse("not three parts");
  json header;
  if (!DecodeJsonObject(parts[0], &header)) return Refuse("bad header");
  if (!header.contains("alg") || !header["alg"].is_string() ||
      header["alg"].get<std::string>() != "HS256") {
    return Refuse("algorithm not allowed");
  }
  if (header.contains("crit")) return Refuse("unsupported critical header");

  const Key* key = nullptr;
  if (header.contains("kid")) {
    if (!header["kid"].is_string()) return Refuse("bad key id");
    key = Find(header["kid"].get<std::string>());
    if (key == nullptr) return Refuse("unknown key id");
  } else {
    if (keys_.empty()) return Refuse("no key");
    key = &keys_.back();
  }
  std::string signature;
  if (!DecodeB64Url(parts[2], &signature)) return Refuse("bad signature encoding");
  std::string signing_input = absl::StrCat(parts[0], ".", parts[1]);
  if (!key->mac.Verify(signing_input, signature)) {
    return Refuse("bad signature");
  }

  json claims;
  if (!DecodeJsonObject(parts[1], &claims)) return Refuse("bad payload");
  absl::Time exp, nbf, iat;
  bool has_exp, has_nbf, has_iat;
  if (!ReadTime(claims, "exp", &exp, &has_exp) || !ReadTime(claims, "nbf", &nbf, &has_nbf) ||
      !ReadTime(claims, "iat", &iat, &has_iat)) {
    return Refuse("bad time claim");
  }
  if (rules.require_expiry && !has_exp) return Refuse("no expiry");
  if (has_exp && now > exp + rules.leeway) return Refuse("expired");
  if (has_nbf && now + rules.leeway < nbf) return Refuse("not yet valid");
  if (has_iat && now + rules.leeway < iat) return Refuse("issued in the future");
  if (!rules.issuer.empty()) {
    if (!claims.contains("iss") || !claims["iss"].is_string() ||
        claims["iss"].get<std::string>() != rules.issuer) {
      return Refuse("wrong issuer");
    }
  }
  if (!rules.audience.empty()) {
    if (!claims.contains("aud") || !AudienceMatches(claims["aud"], rules.audience)) {
      return Refuse("wrong audience");
    }
  }
  return claims;
}

}  // namespace laso::crypto
