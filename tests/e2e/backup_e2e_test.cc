// laso backup while the stack serves, then the worst day: every database, key
// and attachment gone. laso restore brings back every write acknowledged
// before the backup started. On both engines (SQLite online backup, pg_dump).
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/engines.h"
#include "common/testing/temp_dir.h"
#include "tests/e2e/dossier_load.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/stack.h"

namespace laso {
namespace {

class BackupE2eTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(stack_.Start(&why)) << why;
    integration_ = stack_.StaffBearer("integration", "motcua");
  }

  testing::Stack stack_{GetParam()};
  testing::TempDir backups_;
  std::string integration_;
};

TEST_P(BackupE2eTest, ABackupTakenUnderLoadRestoresEveryEarlierAcknowledgedWrite) {
  testing::DossierWriter writer(stack_.http_port(), integration_, "H15.50.05.13-261201");
  absl::SleepFor(absl::Seconds(1));
  std::vector<std::string> before_backup = writer.Acknowledged();
  std::string dir = backups_.File("nightly");
  int backed_up = testing::RunCli({"backup", dir}, stack_.env(), backups_.File("backup.out"));
  absl::SleepFor(absl::Milliseconds(300));  // writes go on during and after it
  writer.Stop();
  ASSERT_EQ(backed_up, 0) << testing::ReadWholeFile(backups_.File("backup.out.err"));
  ASSERT_GT(before_backup.size(), 10u);

  stack_.StopServices();
  stack_.WipeData();
  int restored = testing::RunCli({"restore", dir}, stack_.env(), backups_.File("restore.out"));
  ASSERT_EQ(restored, 0) << testing::ReadWholeFile(backups_.File("restore.out.err"));
  std::string why;
  ASSERT_TRUE(stack_.StartServices(&why)) << why;

  testing::HttpTestClient http(stack_.http_port());
  for (const std::string& code : before_backup) {
    // The verifier still matches: the applicant's sealed phone came back with its keys.
    auto found = http.Get(absl::StrCat("/v1/dossiers/", code, "?verifier=", testing::kSyncedApplicantPhone));
    ASSERT_EQ(found.status, 200) << code << " was acknowledged before the backup but is missing: " << found.body;
  }
  // A backup refuses to overwrite an older one.
  EXPECT_NE(testing::RunCli({"backup", dir}, stack_.env(), backups_.File("again.out")), 0);
}

}  // namespace

LASO_ON_BOTH_ENGINES(BackupE2eTest);

}  // namespace laso
