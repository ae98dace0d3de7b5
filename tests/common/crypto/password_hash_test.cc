#include "common/crypto/password_hash.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace laso::crypto {
namespace {

// The smallest cost libsodium allows, so the suite stays quick; the shape is the same.
PasswordCost Cheap() { return PasswordCost{1, 8192}; }

TEST(PasswordHashTest, VerifiesTheRightPasswordOnly) {
  PasswordHasher hasher(Cheap());
  auto hash = hasher.Hash("Mật khẩu 1022 Long An");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(absl::StartsWith(*hash, "$argon2id$v=19$"));
  EXPECT_TRUE(hasher.Verify(*hash, "Mật khẩu 1022 Long An"));
  EXPECT_FALSE(hasher.Verify(*hash, "Mật khẩu 1022 Long an"));
  EXPECT_FALSE(hasher.Verify(*hash, ""));
}

TEST(PasswordHashTest, SaltsEveryHash) {
  PasswordHasher hasher(Cheap());
  EXPECT_NE(*hasher.Hash("same password 1A"), *hasher.Hash("same password 1A"));
}

TEST(PasswordHashTest, AMalformedStoredHashIsAPlainNo) {
  PasswordHasher hasher(Cheap());
  EXPECT_FALSE(hasher.Verify("", "x"));
  EXPECT_FALSE(hasher.Verify("$argon2id$garbage", "x"));
  EXPECT_FALSE(hasher.Verify(std::string(500, 'a'), "x"));
  hasher.VerifyNothing("anything");  // must not crash, always no
}

TEST(PasswordHashTest, SaysWhenAStoredHashIsBelowTheCurrentCost) {
  PasswordHasher cheap(Cheap());
  PasswordHasher dearer(PasswordCost{2, 16384});
  auto hash = cheap.Hash("Long An 2026 so");
  EXPECT_TRUE(dearer.NeedsRehash(*hash));
  EXPECT_FALSE(cheap.NeedsRehash(*hash));
  EXPECT_TRUE(dearer.Verify(*hash, "Long An 2026 so"));  // old hashes still verify
}

TEST(PasswordHashTest, NewPasswordsAreLongAndMixed) {
  EXPECT_FALSE(CheckNewPassword("Short1!").ok());
  EXPECT_FALSE(CheckNewPassword("alllowercaseletters").ok());
  EXPECT_TRUE(CheckNewPassword("Tan An 1022 desk").ok());
  EXPECT_FALSE(CheckNewPassword(std::string(300, 'A') + "a1").ok());
}

}  // namespace
}  // namespace laso::crypto
