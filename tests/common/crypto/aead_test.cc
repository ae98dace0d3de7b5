#include "common/crypto/aead.h"

#include <gtest/gtest.h>

#include "tests/common/crypto/hex.h"

#include "common/crypto/hash.h"
#include "common/crypto/random.h"

namespace laso::crypto {
namespace {

struct GcmCase {
  const char* name;
  const char* key;
  const char* iv;
  const char* plaintext;
  const char* aad;
  const char* ciphertext;
  const char* tag;
};

// AES-256 cases 13, 14 and 16 of "The Galois/Counter Mode of Operation (GCM)"
// (McGrew & Viega), the test vectors NIST's GCM validation builds on.
const GcmCase kCases[] = {
    {"case 13", "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {"case 14", "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     "00000000000000000000000000000000", "", "cea7403d4d606b6e074ec5d3baf39d18",
     "d0d1c8a799996bf0265b98b5d48ab919"},
    {"case 16", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

TEST(AeadTest, KnownAnswers) {
  for (const GcmCase& c : kCases) {
    auto sealed = Aes256GcmSeal(Unhex(c.key), Unhex(c.iv), Unhex(c.plaintext), Unhex(c.aad));
    ASSERT_TRUE(sealed.ok()) << c.name;
    EXPECT_EQ(Hex(*sealed), std::string(c.ciphertext) + c.tag) << c.name;
    auto opened = Aes256GcmOpen(Unhex(c.key), Unhex(c.iv), *sealed, Unhex(c.aad));
    ASSERT_TRUE(opened.ok()) << c.name;
    EXPECT_EQ(Hex(*opened), c.plaintext) << c.name;
  }
}

TEST(AeadTest, TamperingIsDetected) {
  const GcmCase& c = kCases[2];
  std::string sealed = *Aes256GcmSeal(Unhex(c.key), Unhex(c.iv), Unhex(c.plaintext), Unhex(c.aad));
  std::string flipped = sealed;
  flipped[3] ^= 1;
  EXPECT_EQ(Aes256GcmOpen(Unhex(c.key), Unhex(c.iv), flipped, Unhex(c.aad)).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(Aes256GcmOpen(Unhex(c.key), Unhex(c.iv), sealed, "other aad").status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_FALSE(Aes256GcmSeal("short key", Unhex(c.iv), "x", "").ok());
}

TEST(KeyringTest, SealsWithPrimaryOpensWithAny) {
  Keyring ring;
  ASSERT_TRUE(ring.Add("k1", RandomBytes(32)).ok());
  auto old_sealed = ring.Seal("0987654321", "applicant.phone");
  ASSERT_TRUE(old_sealed.ok());
  ASSERT_TRUE(ring.Add("k2", RandomBytes(32)).ok());  // rotation: k2 is primary now
  EXPECT_EQ(ring.primary_kid(), "k2");
  auto new_sealed = ring.Seal("0987654321", "applicant.phone");
  EXPECT_EQ(*ring.Open(*old_sealed, "applicant.phone"), "0987654321");
  EXPECT_EQ(*ring.Open(*new_sealed, "applicant.phone"), "0987654321");
  EXPECT_NE(*old_sealed, *new_sealed);
}

TEST(KeyringTest, SameValueSealsDifferentlyEachTime) {
  Keyring ring;
  ASSERT_TRUE(ring.Add("k1", RandomBytes(32)).ok());
  EXPECT_NE(*ring.Seal("Nguyễn Văn An", ""), *ring.Seal("Nguyễn Văn An", ""));
}

TEST(KeyringTest, ContextBindsTheValueToItsPlace) {
  Keyring ring;
  ASSERT_TRUE(ring.Add("k1", RandomBytes(32)).ok());
  auto sealed = ring.Seal("079123456789", "dossier.id_number");
  EXPECT_FALSE(ring.Open(*sealed, "dossier.phone").ok());
}

TEST(KeyringTest, RefusesUnknownKeysAndGarbage) {
  Keyring a, b;
  ASSERT_TRUE(a.Add("ka", RandomBytes(32)).ok());
  ASSERT_TRUE(b.Add("kb", RandomBytes(32)).ok());
  auto sealed = a.Seal("x", "");
  EXPECT_FALSE(b.Open(*sealed, "").ok());
  EXPECT_FALSE(a.Open("", "").ok());
  EXPECT_FALSE(a.Open("\x01\x05short", "").ok());
  EXPECT_FALSE(Keyring().Seal("x", "").ok());
  EXPECT_FALSE(a.Add("k", "not 32 bytes").ok());
}

}  // namespace
}  // namespace laso::crypto
