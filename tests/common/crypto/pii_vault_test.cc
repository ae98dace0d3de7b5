#include "common/crypto/pii_vault.h"

#include <gtest/gtest.h>

#include "common/crypto/key_file.h"
#include "common/testing/temp_dir.h"

namespace laso::crypto {
namespace {

TEST(PiiVaultTest, SealsUnsealsAndHashesStably) {
  testing::TempDir dir;
  auto vault = PiiVault::Open(dir.path(), "dossier", RealClock::Get());
  ASSERT_TRUE(vault.ok()) << vault.status();
  auto sealed = vault->Seal("84987654321", "dossier.applicant_phone");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("84987654321"), std::string::npos);
  EXPECT_EQ(*vault->Unseal(*sealed, "dossier.applicant_phone"), "84987654321");
  EXPECT_FALSE(vault->Unseal(*sealed, "dossier.applicant_name").ok());

  // Reopened (a restart): same lookup hashes, old values still open.
  auto again = PiiVault::Open(dir.path(), "dossier", RealClock::Get());
  EXPECT_EQ(again->LookupHash("84987654321"), vault->LookupHash("84987654321"));
  EXPECT_EQ(*again->Unseal(*sealed, "dossier.applicant_phone"), "84987654321");
  EXPECT_NE(vault->LookupHash("84987654321"), vault->LookupHash("84987654322"));
  EXPECT_EQ(vault->LookupHash("x").size(), 64u);
}

TEST(PiiVaultTest, SealingKeysRotateLookupKeysDoNot) {
  testing::TempDir dir;
  auto before = PiiVault::Open(dir.path(), "v", RealClock::Get());
  auto sealed = before->Seal("Nguyễn Văn An", "n");
  ASSERT_TRUE(RotateKeyFile(dir.File("keys/v-seal.key"), 32, absl::Now()).ok());
  auto after = PiiVault::Open(dir.path(), "v", RealClock::Get());
  EXPECT_EQ(*after->Unseal(*sealed, "n"), "Nguyễn Văn An");
  EXPECT_EQ(after->LookupHash("a"), before->LookupHash("a"));
}

}  // namespace
}  // namespace laso::crypto
