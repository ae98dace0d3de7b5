// `laso keys init`: the key files a deployment needs, made once, and the
// processes that refuse to start without them instead of making their own.
#include <sys/stat.h>

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/testing/ports.h"
#include "common/testing/temp_dir.h"
#include "services/laso_schema.h"
#include "tests/e2e/processes.h"

namespace laso {
namespace {

TEST(KeysCommandTest, InitMakesEveryKeyFileOnceWithMode0600) {
  testing::TempDir dir;
  std::string keys = dir.File("keys");
  ASSERT_EQ(testing::RunCli({"keys", "init", keys}, {}, dir.File("init.out")), 0);
  std::vector<std::string> expected = {"internal.key", "gateway-jwt.key", "events-seal.key", "events-lookup.key"};
  for (const std::string& s : ServiceNames()) {
    expected.push_back(s + "-seal.key");
    expected.push_back(s + "-lookup.key");
  }
  std::map<std::string, std::filesystem::file_time_type> written;
  for (const std::string& name : expected) {
    std::string path = keys + "/" + name;
    struct stat st;
    ASSERT_EQ(stat(path.c_str(), &st), 0) << path;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << path;
    written[name] = std::filesystem::last_write_time(path);
  }
  // Again: nothing is replaced (replacing a sealing key would make sealed data unreadable).
  ASSERT_EQ(testing::RunCli({"keys", "init", keys}, {}, dir.File("again.out")), 0);
  for (const auto& [name, time] : written) EXPECT_EQ(std::filesystem::last_write_time(keys + "/" + name), time);
}

TEST(KeysCommandTest, AServiceWithoutItsKeysRefusesToStartUntilTheyAreMade) {
  testing::TempDir dir;
  std::vector<std::string> env = {absl::StrCat("LASO_DATA_DIR=", dir.path()),
                                  absl::StrCat("LASO_CALENDAR_DIR=", testing::Source("deploy/data/calendar")),
                                  absl::StrCat("LASO_DOSSIER_LISTEN=127.0.0.1:", testing::FreePort()),
                                  "LASO_REDIS_ADDRESS=127.0.0.1:1"};
  EXPECT_TRUE(testing::RefusesToStartNaming(testing::Bin("services/dossier/laso-dossier"), env,
                                            dir.File("dossier.log"), "laso keys init"));
  EXPECT_FALSE(std::filesystem::exists(dir.File("keys/dossier-seal.key"))) << "it made none of its own";
}

}  // namespace
}  // namespace laso
