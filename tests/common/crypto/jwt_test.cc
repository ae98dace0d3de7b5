#include "common/crypto/jwt.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/crypto/hash.h"

namespace laso::crypto {
namespace {

using nlohmann::json;

std::string B64(absl::string_view s) {
  std::string out;
  absl::WebSafeBase64Escape(s, &out);
  return out;
}

// Builds a token by hand, as an attacker would.
std::string Forge(const json& header, const json& claims, absl::string_view key) {
  std::string input = absl::StrCat(B64(header.dump()), ".", B64(claims.dump()));
  return absl::StrCat(input, ".", B64(HmacSha256(key, input)));
}

const absl::Time kNow = absl::FromUnixSeconds(1790000000);  // 2026-09

JwtKeys OneKey() {
  JwtKeys keys;
  keys.Add("k1", "a-very-secret-key-of-32-bytes!!!");
  return keys;
}

JwtValidation Rules() {
  JwtValidation rules;
  rules.issuer = "laso";
  rules.audience = "laso-api";
  return rules;
}

json ValidClaims() {
  return {{"iss", "laso"}, {"aud", "laso-api"}, {"sub", "zalo:123"},
          {"iat", absl::ToUnixSeconds(kNow)}, {"exp", absl::ToUnixSeconds(kNow) + 3600}};
}

TEST(JwtTest, VerifiesRfc7515AppendixA1) {
  // The HS256 example of RFC 7515 A.1, key from its JWK.
  std::string key;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(
      "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow", &key));
  JwtKeys keys;
  keys.Add("rfc", key);
  std::string token =
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
      "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  JwtValidation rules;
  rules.issuer = "joe";
  auto claims = keys.Verify(token, rules, absl::FromUnixSeconds(1300819380 - 60));
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ((*claims)["iss"], "joe");
  EXPECT_EQ((*claims)["http://example.com/is_root"], true);
  // The same token after its exp has passed.
  EXPECT_FALSE(keys.Verify(token, rules, absl::FromUnixSeconds(1300819380 + 3600)).ok());
}

TEST(JwtTest, VerifiesATokenFromJwtIo) {
  // The default HS256 token of jwt.io (produced by its standard library), which has no exp.
  JwtKeys keys;
  keys.Add("any", "your-256-bit-secret");
  JwtValidation rules;
  rules.require_expiry = false;
  auto claims = keys.Verify(
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
      "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
      rules, kNow);
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ((*claims)["name"], "John Doe");
  EXPECT_EQ((*claims)["sub"], "1234567890");
}

TEST(JwtTest, SignThenVerify) {
  JwtKeys keys = OneKey();
  auto token = keys.Sign(ValidClaims());
  ASSERT_TRUE(token.ok());
  auto claims = keys.Verify(*token, Rules(), kNow);
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ((*claims)["sub"], "zalo:123");
  std::vector<std::string> parts = absl::StrSplit(*token, '.');
  std::string header;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(parts[0], &header));
  EXPECT_EQ(json::parse(header)["kid"], "k1");
}

TEST(JwtTest, RefusesAlgNone) {
  std::string input = absl::StrCat(B64(json{{"alg", "none"}, {"typ", "JWT"}}.dump()), ".", B64(ValidClaims().dump()));
  for (const std::string& token : {absl::StrCat(input, "."), absl::StrCat(input, ".", B64("sig"))}) {
    auto result = OneKey().Verify(token, Rules(), kNow);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated);
  }
}

TEST(JwtTest, RefusesOtherAlgorithmsEvenWithAValidHmac) {
  for (const char* alg : {"HS512", "HS384", "RS256", "ES256", "hs256"}) {
    std::string token = Forge({{"alg", alg}, {"kid", "k1"}}, ValidClaims(), "a-very-secret-key-of-32-bytes!!!");
    EXPECT_FALSE(OneKey().Verify(token, Rules(), kNow).ok()) << alg;
  }
}

TEST(JwtTest, RefusesAnotherKey) {
  std::string token = Forge({{"alg", "HS256"}, {"kid", "k1"}}, ValidClaims(), "some-other-key");
  EXPECT_FALSE(OneKey().Verify(token, Rules(), kNow).ok());
}

TEST(JwtTest, RefusesTamperedClaims) {
  std::string token = *OneKey().Sign(ValidClaims());
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  json claims = ValidClaims();
  claims["sub"] = "zalo:999";
  std::string tampered = absl::StrCat(parts[0], ".", B64(claims.dump()), ".", parts[2]);
  EXPECT_FALSE(OneKey().Verify(tampered, Rules(), kNow).ok());
}

// A 32-byte MAC is 43 base64url characters; the last one carries two unused bits. Spellings that differ only
// in those bits decode to the same MAC, and must still be refused: one valid token has one spelling.
TEST(JwtTest, RefusesANonCanonicalSpellingOfTheSignature) {
  static constexpr absl::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string token = *OneKey().Sign(ValidClaims());
  ASSERT_TRUE(OneKey().Verify(token, Rules(), kNow).ok());
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  ASSERT_EQ(parts[2].size(), 43u);
  std::string mac;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(parts[2], &mac));
  size_t last = kAlphabet.find(token.back());
  for (size_t unused_bits = 1; unused_bits <= 3; ++unused_bits) {
    std::string respelled = token;
    respelled.back() = kAlphabet[last ^ unused_bits];
    std::string same_mac;
    ASSERT_TRUE(absl::WebSafeBase64Unescape(std::vector<std::string>(absl::StrSplit(respelled, '.'))[2], &same_mac));
    EXPECT_EQ(same_mac, mac) << "a lenient decoder reads the same MAC";
    EXPECT_EQ(OneKey().Verify(respelled, Rules(), kNow).status().code(), absl::StatusCode::kUnauthenticated)
        << respelled;
  }
}

TEST(JwtTest, TimeClaims) {
  JwtKeys keys = OneKey();
  json expired = ValidClaims();
  expired["exp"] = absl::ToUnixSeconds(kNow) - 120;
  EXPECT_FALSE(keys.Verify(*keys.Sign(expired), Rules(), kNow).ok());
  json within_leeway = ValidClaims();
  within_leeway["exp"] = absl::ToUnixSeconds(kNow) - 10;
  EXPECT_TRUE(keys.Verify(*keys.Sign(within_leeway), Rules(), kNow).ok());
  json not_yet = ValidClaims();
  not_yet["nbf"] = absl::ToUnixSeconds(kNow) + 600;
  EXPECT_FALSE(keys.Verify(*keys.Sign(not_yet), Rules(), kNow).ok());
  json future_iat = ValidClaims();
  future_iat["iat"] = absl::ToUnixSeconds(kNow) + 600;
  EXPECT_FALSE(keys.Verify(*keys.Sign(future_iat), Rules(), kNow).ok());
  json no_exp = ValidClaims();
  no_exp.erase("exp");
  EXPECT_FALSE(keys.Verify(*keys.Sign(no_exp), Rules(), kNow).ok());
  json string_exp = ValidClaims();
  string_exp["exp"] = "tomorrow";
  EXPECT_FALSE(keys.Verify(*keys.Sign(string_exp), Rules(), kNow).ok());
}

TEST(JwtTest, IssuerAndAudience) {
  JwtKeys keys = OneKey();
  json wrong_aud = ValidClaims();
  wrong_aud["aud"] = "another-api";
  EXPECT_FALSE(keys.Verify(*keys.Sign(wrong_aud), Rules(), kNow).ok());
  json aud_list = ValidClaims();
  aud_list["aud"] = {"x", "laso-api"};
  EXPECT_TRUE(keys.Verify(*keys.Sign(aud_list), Rules(), kNow).ok());
  json wrong_iss = ValidClaims();
  wrong_iss["iss"] = "evil";
  EXPECT_FALSE(keys.Verify(*keys.Sign(wrong_iss), Rules(), kNow).ok());
}

TEST(JwtTest, KeyRotation) {
  JwtKeys old_keys = OneKey();
  std::string old_token = *old_keys.Sign(ValidClaims());
  JwtKeys rotated = OneKey();
  rotated.Add("k2", "the-next-key-after-rotation-0001");
  std::string new_token = *rotated.Sign(ValidClaims());
  EXPECT_TRUE(rotated.Verify(old_token, Rules(), kNow).ok());
  EXPECT_TRUE(rotated.Verify(new_token, Rules(), kNow).ok());
  EXPECT_FALSE(old_keys.Verify(new_token, Rules(), kNow).ok());  // k2 unknown there
}

TEST(JwtTest, RefusesMalformedTokens) {
  JwtKeys keys = OneKey();
  for (const std::string& token :
       {std::string(""), std::string("abc"), std::string("a.b"), std::string("a.b.c.d"),
        std::string("!!!.###.$$$"), std::string(10000, 'a'),
        absl::StrCat(B64("[1,2]"), ".", B64("{}"), ".", B64("x"))}) {
    EXPECT_EQ(keys.Verify(token, Rules(), kNow).status().code(), absl::StatusCode::kUnauthenticated);
  }
  // Padding is not base64url as JWS uses it.
  std::string token = *keys.Sign(ValidClaims());
  EXPECT_FALSE(keys.Verify(token + "=", Rules(), kNow).ok());
}

}  // namespace
}  // namespace laso::crypto
