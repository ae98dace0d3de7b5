// The data directory runs out of space: the dossier service runs with a
// file-size limit (prlimit), so its database cannot grow past it. Writes must
// fail with a clear error, nothing acknowledged may be lost or corrupted, and
// when space returns (the limit is lifted) the service writes again without a
// restart.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/testing/http_test_client.h"
#include "common/testing/ports.h"
#include "common/testing/redis_server.h"
#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/account_services.h"

namespace laso {
namespace {

using nlohmann::json;
using testing::Bin;
using testing::ReadWholeFile;

json Batch(int from, int count) {
  json out = json::array();
  std::string now = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  for (int i = from; i < from + count; ++i) {
    std::string code = absl::StrFormat("H15.50.05.13-261124-%04d", i);
    out.push_back({{"code", code},
                   {"procedure", {{"code", "1.001193"}, {"name", "Đăng ký khai sinh"}, {"processingDays", 3}}},
                   {"receivingAgency", {{"code", "H15.50.05.13"}, {"name", "Bộ phận Một cửa UBND phường Tân An"}}},
                   {"channel", "ONLINE"},
                   {"applicant", {{"name", "Phạm Thị Dung"}, {"phone", "0904000000"}, {"idNumber", "080090001234"}}},
                   {"events", {{{"eventId", code + "/1"}, {"status", "RECEIVED"}, {"time", now},
                                {"note", std::string(400, 'x')}}}}});
  }
  return out;
}

TEST(DiskFullE2eTest, WritesFailCleanlyAndResumeWhenSpaceReturns) {
  testing::TempDir dir;
  testing::RedisServer redis;
  int http_port = testing::FreePort(), dossier_port = testing::FreePort();
  std::vector<std::string> env = {absl::StrCat("LASO_DATA_DIR=", dir.path()),
            "LASO_KEYS_CREATE_MISSING=true",  // one machine: the processes make their keys
                                  absl::StrCat("LASO_HTTP_PORT=", http_port),
                                  absl::StrCat("LASO_REDIS_ADDRESS=", redis.address()),
                                  absl::StrCat("LASO_CALENDAR_DIR=", testing::Source("deploy/data/calendar")),
                                  absl::StrCat("LASO_DOSSIER_LISTEN=127.0.0.1:", dossier_port),
                                  absl::StrCat("LASO_GATEWAY_BACKENDS=dossier=127.0.0.1:", dossier_port),
                                  "LASO_RATELIMIT_GUESS_PER_IP=off", "LASO_RATELIMIT_GUESS_PER_USER=off"};
  testing::Subprocess dossier, gateway;
  testing::AccountServices staff;
  ASSERT_TRUE(staff.Start(&env, dir.File("staff.log")));
  // No file of the service may grow past 3 MB: a disk that is nearly full.
  ASSERT_TRUE(dossier.Start({"prlimit", "--fsize=3000000:unlimited", Bin("services/dossier/laso-dossier")},
                            dir.File("dossier.log"), env));
  ASSERT_TRUE(gateway.Start({Bin("services/gateway/laso-gateway")}, dir.File("gateway.log"), env));
  testing::HttpTestClient http(http_port);
  ASSERT_TRUE(testing::WaitReady(http)) << ReadWholeFile(dir.File("dossier.log"));
  ASSERT_EQ(testing::RunCli({"token", "--role", "integration", "--name", "motcua"}, env, dir.File("token")), 0);
  testing::HttpTestClient::Headers auth = {
      {"Authorization", "Bearer " + std::string(absl::StripAsciiWhitespace(ReadWholeFile(dir.File("token"))))}};

  int acknowledged = 0, next = 0;
  testing::HttpResult refused;
  for (int round = 0; round < 200; ++round) {
    auto r = http.PostJson("/v1/dossiers:sync", json{{"dossiers", Batch(next, 50)}}.dump(), auth);
    next += 50;
    if (r.status != 200) {
      refused = r;
      break;
    }
    acknowledged += 50;
  }
  ASSERT_GT(acknowledged, 0);
  ASSERT_EQ(refused.status, 503) << refused.body;  // a clear, retryable error; the process lives on
  EXPECT_EQ(refused.Json()["error"]["status"], "UNAVAILABLE");
  EXPECT_NE(refused.body.find("STORAGE_"), std::string::npos) << refused.body;
  EXPECT_EQ(refused.body.find("INSERT"), std::string::npos);  // no SQL or file names for the caller
  EXPECT_EQ(refused.body.find(dir.path()), std::string::npos);

  // Space returns: the limit is lifted on the running process.
  ASSERT_EQ(system(absl::StrCat("prlimit --pid ", dossier.pid(), " --fsize=unlimited").c_str()), 0);
  auto again = http.PostJson("/v1/dossiers:sync", json{{"dossiers", Batch(next, 50)}}.dump(), auth);
  ASSERT_EQ(again.status, 200) << again.body;
  acknowledged += 50;
  auto stats = http.Get("/v1/dossier-stats?agency=H15.50.05.13");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.Json()["received"], acknowledged);  // every acknowledged dossier, no half-written one
  EXPECT_EQ(http.Get("/v1/dossiers/H15.50.05.13-261124-0000?verifier=0904000000").status, 200);
}

}  // namespace
}  // namespace laso
