// `laso config`, as tools/up and the benches call it: the list of services and
// one key's effective value.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "absl/strings/str_join.h"
#include "common/testing/temp_dir.h"
#include "services/laso_schema.h"
#include "tests/e2e/processes.h"

namespace laso {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class ConfigCommandTest : public ::testing::Test {
 protected:
  // Runs `laso config ARGS...`; its stdout in out_, its stderr in err_.
  int Run(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), "config");
    std::string out = dir_.path() + "/out";
    int code = testing::RunCli(args, env, out);
    out_ = Read(out);
    err_ = Read(out + ".err");
    return code;
  }
  testing::TempDir dir_;
  std::string out_, err_;
};

TEST_F(ConfigCommandTest, ServicesAreTheOneListInStartOrder) {
  ASSERT_EQ(Run({"services"}), 0) << err_;
  EXPECT_EQ(out_, absl::StrJoin(ServiceNames(), "\n") + "\n");
  EXPECT_EQ(ServiceNames().front(), "feedback");
}

TEST_F(ConfigCommandTest, GetPrintsTheEffectiveValue) {
  ASSERT_EQ(Run({"get", "dossier.listen"}), 0) << err_;
  EXPECT_EQ(out_, "127.0.0.1:7102\n");
  ASSERT_EQ(Run({"get", "dossier.listen"}, {"LASO_DOSSIER_LISTEN=127.0.0.1:9102"}), 0) << err_;
  EXPECT_EQ(out_, "127.0.0.1:9102\n");
  ASSERT_EQ(Run({"get", "outbox.retention"}), 0) << err_;
  EXPECT_EQ(out_, "7d\n");
}

TEST_F(ConfigCommandTest, GetRefusesSecretsAndUnknownKeys) {
  EXPECT_NE(Run({"get", "billing.phone_hash_key"}, {"LASO_BILLING_PHONE_HASH_KEY=do-not-print-me"}), 0);
  EXPECT_EQ(out_.find("do-not-print-me"), std::string::npos);
  EXPECT_EQ(err_.find("do-not-print-me"), std::string::npos);
  EXPECT_NE(err_.find("secret"), std::string::npos) << err_;
  EXPECT_NE(Run({"get", "dossier.lisen"}), 0);
  EXPECT_NE(err_.find("dossier.lisen"), std::string::npos) << err_;
}

}  // namespace
}  // namespace laso
