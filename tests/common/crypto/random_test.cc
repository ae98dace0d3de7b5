#include "common/crypto/random.h"

#include <set>

#include <gtest/gtest.h>

namespace laso::crypto {
namespace {

TEST(RandomTest, TokensAreUrlSafeAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string t = RandomToken(16);
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    EXPECT_TRUE(seen.insert(t).second);
  }
}

TEST(RandomTest, UlidFormatAndOrder) {
  absl::Time t0 = absl::FromUnixMillis(1790000000000);
  std::string a = NewUlid(t0);
  std::string b = NewUlid(t0 + absl::Milliseconds(1));
  EXPECT_EQ(a.size(), 26u);
  EXPECT_EQ(a.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), std::string::npos);
  EXPECT_LT(a, b);  // later time sorts later
  EXPECT_NE(NewUlid(t0), NewUlid(t0));
  // The time prefix is the Crockford base32 of the milliseconds.
  EXPECT_EQ(NewUlid(absl::FromUnixMillis(0)).substr(0, 10), "0000000000");
  EXPECT_EQ(NewUlid(absl::FromUnixMillis(1469918176385)).substr(0, 10), "01ARYZ6S41");  // ULID spec example
}

TEST(RandomTest, FastUlidsHaveTheSameShape) {
  absl::Time t0 = absl::FromUnixMillis(1469918176385);
  std::string a = NewFastUlid(t0);
  EXPECT_EQ(a.size(), 26u);
  EXPECT_EQ(a.substr(0, 10), "01ARYZ6S41");
  EXPECT_NE(NewFastUlid(t0), a);
}

}  // namespace
}  // namespace laso::crypto
