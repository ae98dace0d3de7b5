#include "common/crypto/hash.h"

#include <gtest/gtest.h>

#include "tests/common/crypto/hex.h"

namespace laso::crypto {
namespace {

TEST(HashTest, Sha256KnownAnswers) {
  // FIPS 180-2 examples.
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

struct HmacCase {
  const char* name;
  std::string key;
  std::string data;
  const char* expected;
};

TEST(HashTest, HmacSha256Rfc4231) {
  const HmacCase cases[] = {
      {"case 1", std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"case 2", "Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"case 3", std::string(20, '\xaa'), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {"case 4", Unhex("0102030405060708090a0b0c0d0e0f10111213141516171819"), std::string(50, '\xcd'),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {"case 6", std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {"case 7", std::string(131, '\xaa'),
       "This is a test using a larger than block-size key and a larger than block-size data. "
       "The key needs to be hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const auto& c : cases) EXPECT_EQ(Hex(HmacSha256(c.key, c.data)), c.expected) << c.name;
}

TEST(HashTest, HexRoundTripAndErrors) {
  std::string bytes;
  ASSERT_TRUE(HexDecode("00ff10Ab", &bytes));
  EXPECT_EQ(bytes, std::string("\x00\xff\x10\xab", 4));
  EXPECT_EQ(Hex(bytes), "00ff10ab");
  EXPECT_FALSE(HexDecode("abc", &bytes));
  EXPECT_FALSE(HexDecode("zz", &bytes));
}

TEST(HashTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace laso::crypto

#include "common/crypto/hmac_key.h"

namespace laso::crypto {
namespace {

TEST(HmacKeyTest, AgreesWithTheOneShotAndRfc4231) {
  HmacSha256Key jefe("Jefe");
  EXPECT_EQ(Hex(jefe.Sign("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  HmacSha256Key long_key(std::string(131, '\xaa'));
  EXPECT_EQ(Hex(long_key.Sign("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  HmacSha256Key empty("");
  EXPECT_EQ(empty.Sign("data"), HmacSha256("", "data"));
  // Reusable, and copies are independent.
  HmacSha256Key copy = jefe;
  EXPECT_EQ(copy.Sign("x"), jefe.Sign("x"));
  EXPECT_EQ(jefe.Sign("x"), HmacSha256("Jefe", "x"));
  EXPECT_TRUE(jefe.Verify("x", HmacSha256("Jefe", "x")));
  EXPECT_FALSE(jefe.Verify("y", HmacSha256("Jefe", "x")));
}

}  // namespace
}  // namespace laso::crypto
