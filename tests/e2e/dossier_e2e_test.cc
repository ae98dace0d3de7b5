// The dossier service behind the gateway, as tools/up runs them: the one-stop
// system syncs dossiers with an integration token, residents follow them.
#include <sys/wait.h>

#include <fstream>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
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

// fake-zalo's demo resident has the phone 84901234567.
const char kMine[] = "H15.50.05.13-261120-0001";
const char kTheirs[] = "H15.22-261120-0002";

std::string Rfc3339(absl::Time t) { return absl::FormatTime("%Y-%m-%dT%H:%M:%E3S%Ez", t, absl::UTCTimeZone()); }

json Record(const std::string& code, const std::string& phone, const std::string& id_number, absl::Time received) {
  return {{"code", code},
          {"procedure", {{"code", "1.001193"}, {"name", "Đăng ký khai sinh"}, {"processingDays", 3}}},
          {"receivingAgency", {{"code", "H15.50.05.13"}, {"name", "Bộ phận Một cửa UBND phường Tân An"}}},
          {"channel", "ONLINE"},
          {"applicant", {{"name", "Nguyễn Văn An"}, {"phone", phone}, {"idNumber", id_number}}},
          {"events",
           {{{"eventId", code + "/1"}, {"status", "RECEIVED"}, {"time", Rfc3339(received)}},
            {{"eventId", code + "/2"}, {"status", "PROCESSING"}, {"time", Rfc3339(received + absl::Hours(1))}}}}};
}

class DossierE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int zalo_port = testing::FreePort();
    ASSERT_TRUE(zalo_.Start({Bin("tools/fake-zalo/fake-zalo"), "--port", absl::StrCat(zalo_port), "--app-secret",
                             "e2e-secret", "--demo"},
                            dir_.File("fake-zalo.log")));
    int dossier_port = testing::FreePort();
    env_ = {absl::StrCat("LASO_DATA_DIR=", dir_.path()),
            "LASO_KEYS_CREATE_MISSING=true",  // one machine: the processes make their keys
            absl::StrCat("LASO_HTTP_PORT=", http_port_),
            absl::StrCat("LASO_REDIS_ADDRESS=", redis_.address()),
            absl::StrCat("LASO_CALENDAR_DIR=", testing::Source("deploy/data/calendar")),
            absl::StrCat("LASO_DOSSIER_LISTEN=127.0.0.1:", dossier_port),
            absl::StrCat("LASO_GATEWAY_BACKENDS=dossier=127.0.0.1:", dossier_port),
            absl::StrCat("LASO_ZALO_GRAPH_BASE_URL=http://127.0.0.1:", zalo_port),
            "LASO_ZALO_APP_SECRET=e2e-secret"};
    StartDossier();
    ASSERT_TRUE(staff_.Start(&env_, dir_.File("staff.log")));
    ASSERT_TRUE(gateway_.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_));
    ASSERT_TRUE(testing::WaitReady(http_)) << ReadWholeFile(dir_.File("gateway.log")) << ReadWholeFile(dir_.File("dossier.log"));
    ASSERT_EQ(testing::RunCli({"token", "--role", "integration", "--name", "motcua"}, env_, dir_.File("token")), 0);
    integration_ = {{"Authorization", "Bearer " + std::string(absl::StripAsciiWhitespace(
                                                      ReadWholeFile(dir_.File("token"))))}};
  }

  void StartDossier() {
    ASSERT_TRUE(dossier_.Start({Bin("services/dossier/laso-dossier")}, dir_.File("dossier.log"), env_));
  }

  testing::HttpResult Sync(const json& records) {
    return http_.PostJson("/v1/dossiers:sync", json{{"dossiers", records}}.dump(), integration_);
  }

  testing::HttpTestClient::Headers ResidentWithVerifiedPhone() {
    auto session = http_.PostJson("/v1/auth/zalo/phone",
                                  R"({"accessToken":"demo-zalo-access-token","phoneToken":"demo-zalo-phone-token"})");
    EXPECT_EQ(session.status, 200) << session.body;
    return {{"Authorization", "Bearer " + session.Json().value("sessionToken", "")}};
  }

  testing::TempDir dir_;
  testing::RedisServer redis_;
  testing::Subprocess zalo_, dossier_, gateway_;
  testing::AccountServices staff_;
  std::vector<std::string> env_;
  int http_port_ = testing::FreePort();
  testing::HttpTestClient http_{http_port_};
  testing::HttpTestClient::Headers integration_;
};

TEST_F(DossierE2eTest, TheOneStopSystemSyncsAndResidentsFollowThroughTheGateway) {
  absl::Time received = absl::Now() - absl::Hours(26);
  auto synced = Sync({Record(kMine, "0901234567", "080090001234", received),
                      Record(kTheirs, "0912345678", "080185004321", received)});
  ASSERT_EQ(synced.status, 200) << synced.body;
  EXPECT_EQ(synced.Json()["dossiersAccepted"], 2);
  EXPECT_EQ(synced.Json()["eventsAccepted"], 4);

  // Anyone with the code and the applicant's phone (or ID's last six digits).
  auto found = http_.Get(absl::StrCat("/v1/dossiers/", kMine, "?verifier=0901234567"));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.Json()["status"], "PROCESSING");
  EXPECT_EQ(found.Json()["statusCode"], 4);
  EXPECT_EQ(found.Json()["statusLabel"], "Đang xử lý");
  EXPECT_TRUE(found.Json().contains("dueAt"));
  EXPECT_FALSE(found.Json().contains("processedAt"));
  EXPECT_EQ(found.body.find("0901234567"), std::string::npos);  // no personal data in the answer
  EXPECT_EQ(found.body.find("080090001234"), std::string::npos);
  EXPECT_EQ(found.body.find("Nguyễn Văn An"), std::string::npos);
  EXPECT_EQ(http_.Get(absl::StrCat("/v1/dossiers/", kMine, "?verifier=001234")).status, 200);

  // A wrong verifier and an unknown code: the same 404.
  auto wrong = http_.Get(absl::StrCat("/v1/dossiers/", kMine, "?verifier=0987654321"));
  auto unknown = http_.Get("/v1/dossiers/H15.50.05.13-261120-9999?verifier=0901234567");
  ASSERT_EQ(wrong.status, 404);
  ASSERT_EQ(unknown.status, 404);
  EXPECT_EQ(wrong.Json()["error"]["code"], unknown.Json()["error"]["code"]);
  EXPECT_EQ(wrong.Json()["error"]["message"], unknown.Json()["error"]["message"]);

  // Only the one-stop system writes.
  auto resident = ResidentWithVerifiedPhone();
  EXPECT_EQ(http_.PostJson("/v1/dossiers:sync", R"({"dossiers":[]})").status, 401);
  EXPECT_EQ(http_.PostJson("/v1/dossiers:sync", R"({"dossiers":[]})", resident).status, 403);

  // The resident sees their own dossiers without a verifier, and only those.
  auto mine = http_.Get("/v1/me/dossiers", resident);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.Json()["dossiers"].size(), 1u) << mine.body;
  EXPECT_EQ(mine.Json()["dossiers"][0]["code"], kMine);
  EXPECT_EQ(http_.Get(absl::StrCat("/v1/dossiers/", kMine), resident).status, 200);
  EXPECT_EQ(http_.Get(absl::StrCat("/v1/dossiers/", kTheirs), resident).status, 400);  // needs a verifier

  // A new event shows at once (the cached answer is dropped).
  json processed = {{"events", {{{"eventId", std::string(kMine) + "/3"}, {"status", "PROCESSED"},
                                 {"time", Rfc3339(absl::Now() - absl::Minutes(5))}}}}};
  auto added = http_.PostJson(absl::StrCat("/v1/dossiers/", kMine, "/events"), processed.dump(), integration_);
  ASSERT_EQ(added.status, 200) << added.body;
  found = http_.Get(absl::StrCat("/v1/dossiers/", kMine), resident);
  EXPECT_EQ(found.Json()["status"], "PROCESSED");
  EXPECT_EQ(found.Json()["timeliness"], "FINISHED_ON_TIME");
  // Sent again (a retry): nothing new.
  added = http_.PostJson(absl::StrCat("/v1/dossiers/", kMine, "/events"), processed.dump(), integration_);
  EXPECT_EQ(added.Json()["eventsDuplicate"], 1) << added.body;

  auto stats = http_.Get("/v1/dossier-stats");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.Json()["received"], 2);
  EXPECT_EQ(stats.Json()["processed"], 1);
  EXPECT_EQ(stats.Json()["onTime"], 1);

  // No personal data in any log.
  for (const char* log : {"dossier.log", "gateway.log"}) {
    std::string text = ReadWholeFile(dir_.File(log));
    EXPECT_EQ(text.find("0901234567"), std::string::npos) << log;
    EXPECT_EQ(text.find("080090001234"), std::string::npos) << log;
  }
}

TEST_F(DossierE2eTest, AcknowledgedSyncsSurviveAKilledServiceAndAFlushedCache) {
  ASSERT_EQ(Sync({Record(kMine, "0901234567", "080090001234", absl::Now() - absl::Hours(3))}).status, 200);
  ASSERT_EQ(http_.Get(absl::StrCat("/v1/dossiers/", kMine, "?verifier=0901234567")).status, 200);  // cached now
  dossier_.Kill();
  ASSERT_EQ(system(absl::StrCat("redis-cli -p ", redis_.port(), " FLUSHALL > /dev/null").c_str()), 0);
  StartDossier();
  ASSERT_TRUE(testing::WaitReady(http_));
  auto found = http_.Get(absl::StrCat("/v1/dossiers/", kMine, "?verifier=0901234567"));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.Json()["status"], "PROCESSING");
}

TEST_F(DossierE2eTest, LasoImportLoadsJsonLinesAndReportsBadOnes) {
  std::ofstream(dir_.File("export.jsonl"))
      << Record(kMine, "0901234567", "080090001234", absl::Now() - absl::Hours(30)).dump() << "\n"
      << "{not json\n\n"
      << Record(kTheirs, "0912345678", "080185004321", absl::Now() - absl::Hours(30)).dump() << "\n";
  int code = testing::RunCli({"import", "dossiers", dir_.File("export.jsonl")}, env_, dir_.File("import.out"));
  EXPECT_EQ(code, 3) << ReadWholeFile(dir_.File("import.out.err"));  // 3: something was skipped
  EXPECT_NE(ReadWholeFile(dir_.File("import.out")).find("2 dossiers, 4 new events"), std::string::npos)
      << ReadWholeFile(dir_.File("import.out"));
  EXPECT_NE(ReadWholeFile(dir_.File("import.out.err")).find("line 2"), std::string::npos);
  EXPECT_EQ(http_.Get(absl::StrCat("/v1/dossiers/", kTheirs, "?verifier=004321")).status, 200);
}

}  // namespace
}  // namespace laso
