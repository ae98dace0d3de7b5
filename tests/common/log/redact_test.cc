#include "common/log/redact.h"

#include <gtest/gtest.h>

namespace laso::log {
namespace {

TEST(RedactTest, MasksPhoneNumbersInText) {
  EXPECT_EQ(MaskPhones("84987654321"), "84987***321");
  EXPECT_EQ(MaskPhones("gọi 0987654321 ngay"), "gọi 0987***321 ngay");
  EXPECT_EQ(MaskPhones("+84987654321"), "+84987***321");
  EXPECT_EQ(MaskPhones("zalo:3000000000000000001"), "zalo:3000***001");  // a Zalo id finds a person too
}

TEST(RedactTest, LeavesShortNumbersAlone) {
  EXPECT_EQ(MaskPhones("dossier H15.50.05.13-261008-0975 page 2"), "dossier H15.50.05.13-261008-0975 page 2");
  EXPECT_EQ(MaskPhones("took 12345 ms"), "took 12345 ms");
}

TEST(RedactTest, SecretKeys) {
  for (const char* key : {"token", "accessToken", "session_token", "Authorization", "app_secret", "body",
                          "password", "mac", "id_number", "appsecret_proof"}) {
    EXPECT_TRUE(IsSecretKey(key)) << key;
  }
  for (const char* key : {"route", "status", "code", "method", "ms"}) {
    EXPECT_FALSE(IsSecretKey(key)) << key;
  }
  EXPECT_TRUE(IsPhoneKey("phone"));
  EXPECT_TRUE(IsPhoneKey("applicant_phone"));
}

}  // namespace
}  // namespace laso::log
