// laso backup while the stack serves, then the worst day: every database, key
// and attachment gone. laso restore brings back every write acknowledged
// before the backup started. On both engines (SQLite online backup, pg_dump).
#include <atomic>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/testing/engines.h"
#include "common/testing/temp_dir.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/stack.h"

namespace laso {
namespace {

using json = nlohmann::json;

class BackupE2eTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(stack_.Start(&why)) << why;
    integration_ = stack_.StaffBearer("integration", "motcua");
  }

  static json Dossier(const std::string& code) {
    return {{"code", code},
            {"procedure", {{"code", "1.001193"}, {"name", "Đăng ký khai sinh"}, {"processingDays", 3}}},
            {"receivingAgency", {{"code", "H15.50.05.13"}, {"name", "Bộ phận Một cửa UBND phường Tân An"}}},
            {"channel", "ONLINE"},
            {"applicant", {{"name", "Lê Văn Cường"}, {"phone", "0903000000"}, {"idNumber", "080090001234"}}},
            {"events", {{{"eventId", code + "/1"}, {"status", "RECEIVED"},
                         {"time", absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone())}}}}};
  }

  testing::Stack stack_{GetParam()};
  testing::TempDir backups_;
  std::string integration_;
};

TEST_P(BackupE2eTest, ABackupTakenUnderLoadRestoresEveryEarlierAcknowledgedWrite) {
  std::atomic<bool> stop{false};
  absl::Mutex mu;
  std::vector<std::string> acknowledged;
  std::thread writer([&] {
    testing::HttpTestClient http(stack_.http_port());
    for (int i = 0; !stop; ++i) {
      std::string code = absl::StrFormat("H15.50.05.13-261201-%04d", i);
      auto r = http.PostJson("/v1/dossiers:sync", json{{"dossiers", {Dossier(code)}}}.dump(),
                             {{"Authorization", integration_}});
      if (r.status == 200) {
        absl::MutexLock lock(&mu);
        acknowledged.push_back(code);
      }
    }
  });
  absl::SleepFor(absl::Seconds(1));
  std::vector<std::string> before_backup;
  {
    absl::MutexLock lock(&mu);
    before_backup = acknowledged;
  }
  std::string dir = backups_.File("nightly");
  int backed_up = testing::RunCli({"backup", dir}, stack_.env(), backups_.File("backup.out"));
  absl::SleepFor(absl::Milliseconds(300));  // writes go on during and after it
  stop = true;
  writer.join();
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
    auto found = http.Get(absl::StrCat("/v1/dossiers/", code, "?verifier=0903000000"));
    ASSERT_EQ(found.status, 200) << code << " was acknowledged before the backup but is missing: " << found.body;
  }
  // A backup refuses to overwrite an older one.
  EXPECT_NE(testing::RunCli({"backup", dir}, stack_.env(), backups_.File("again.out")), 0);
}

}  // namespace

LASO_ON_BOTH_ENGINES(BackupE2eTest);

}  // namespace laso
