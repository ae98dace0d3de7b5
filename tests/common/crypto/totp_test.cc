#include "common/crypto/totp.h"

#include <gtest/gtest.h>

namespace laso::crypto {
namespace {

constexpr char kRfcSecret[] = "12345678901234567890";  // RFC 6238 appendix B, SHA-1

TEST(TotpTest, MatchesTheRfc6238VectorsInSixDigits) {
  // The RFC's 8-digit values, last six digits (the same truncation, modulo 10^6).
  EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(absl::FromUnixSeconds(59))), "287082");
  EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(absl::FromUnixSeconds(1111111109))), "081804");
  EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(absl::FromUnixSeconds(1234567890))), "005924");
  EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(absl::FromUnixSeconds(2000000000))), "279037");
}

TEST(TotpTest, AcceptsOneStepEitherSideAndNothingFurther) {
  absl::Time now = absl::FromUnixSeconds(1234567890);
  int64_t step = TotpStep(now);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, step), now), step);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, step - 1), now), step - 1);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, step + 1), now), step + 1);
  EXPECT_FALSE(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, step - 2), now).has_value());
  EXPECT_FALSE(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, step + 2), now).has_value());
}

TEST(TotpTest, RefusesCodesThatAreNotSixDigits) {
  absl::Time now = absl::FromUnixSeconds(59);
  EXPECT_FALSE(MatchTotp(kRfcSecret, "28708", now).has_value());
  EXPECT_FALSE(MatchTotp(kRfcSecret, "2870822", now).has_value());
  EXPECT_FALSE(MatchTotp(kRfcSecret, "28708a", now).has_value());
  EXPECT_FALSE(MatchTotp(kRfcSecret, "", now).has_value());
}

TEST(TotpTest, Base32RoundTripsAsAuthenticatorAppsSpellIt) {
  EXPECT_EQ(Base32Encode(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  std::string back;
  ASSERT_TRUE(Base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", &back));
  EXPECT_EQ(back, kRfcSecret);
  EXPECT_FALSE(Base32Decode("GEZ1", &back));  // 1 is not in the alphabet
  std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 20u);
  ASSERT_TRUE(Base32Decode(Base32Encode(secret), &back));
  EXPECT_EQ(back, secret);
}

TEST(TotpTest, TheEnrolmentUriNamesTheAccountAndTheSecret) {
  EXPECT_EQ(TotpUri("laso Long An", "tongdai.01", kRfcSecret),
            "otpauth://totp/laso%20Long%20An:tongdai.01?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=laso%20Long%20An&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace laso::crypto
