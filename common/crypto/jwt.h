#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/crypto/hmac_key.h"
#include "common/crypto/key_file.h"

// JSON Web Tokens, HS256 only (RFC 7519 / RFC 7515). The header must say
// "alg":"HS256": "none" and every other algorithm are refused, so a token cannot
// choose how it is checked. Keys carry ids ("kid") so they can rotate.
namespace laso::crypto {

struct JwtValidation {
  std::string issuer;    // when set, "iss" must equal it
  std::string audience;  // when set, "aud" (string or array) must contain it
  absl::Duration leeway = absl::Seconds(30);  // clock skew allowed for exp, nbf, iat
  bool require_expiry = true;
};

class JwtKeys {
 public:
  JwtKeys() = default;
  // The last key is the signing key; all of them verify.
  explicit JwtKeys(const std::vector<NamedKey>& keys);
  void Add(absl::string_view kid, absl::string_view secret);
  bool empty() const { return keys_.empty(); }

  absl::StatusOr<std::string> Sign(const nlohmann::json& claims) const;

  // The claims of a valid token, or UNAUTHENTICATED saying why not.
  absl::StatusOr<nlohmann::json> Verify(absl::string_view token, const JwtValidation& rules,
                                        absl::Time now) const;

 private:
  struct Key {
    std::string id;
    HmacSha256Key mac;
  };
  const Key* Find(absl::string_view kid) const;
  std::vector<Key> keys_;
};

inline constexpr size_t kMaxJwtBytes = 8192;

}  // namespace laso::crypto
