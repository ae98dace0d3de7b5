// notify on a real stack: the one-stop system syncs dossiers, the dossier
// service's outbox relays their events to Redis, notify tells the applicants
// in the app and by Zalo (fake-zalo on loopback), all behind the gateway.
#include <set>

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

std::string Rfc3339(absl::Time t) { return absl::FormatTime("%Y-%m-%dT%H:%M:%E3S%Ez", t, absl::UTCTimeZone()); }

// One dossier with one status event, so one notification, for `phone`.
json Dossier(const std::string& code, const std::string& phone) {
  return {{"code", code},
          {"procedure", {{"code", "1.001193"}, {"name", "Đăng ký khai sinh"}, {"processingDays", 3}}},
          {"receivingAgency", {{"code", "H15.50.05.13"}, {"name", "Bộ phận Một cửa UBND phường Tân An"}}},
          {"channel", "ONLINE"},
          {"applicant", {{"name", "Nguyễn Văn An"}, {"phone", phone}, {"idNumber", "080090001234"}}},
          {"events", {{{"eventId", code + "/1"}, {"status", "RECEIVED"}, {"time", Rfc3339(absl::Now())}}}}};
}

class NotifyE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int dossier_port = testing::FreePort(), notify_port = testing::FreePort();
    zalo_url_ = absl::StrCat("http://127.0.0.1:", zalo_port_);
    ASSERT_TRUE(zalo_.Start({Bin("tools/fake-zalo/fake-zalo"), "--port", absl::StrCat(zalo_port_), "--app-secret",
                             "e2e-secret", "--demo"},
                            dir_.File("fake-zalo.log")));
    env_ = {absl::StrCat("LASO_DATA_DIR=", dir_.path()),
            "LASO_KEYS_CREATE_MISSING=true",  // one machine: the processes make their keys
            absl::StrCat("LASO_HTTP_PORT=", http_port_),
            absl::StrCat("LASO_REDIS_ADDRESS=", redis_.address()),
            absl::StrCat("LASO_CALENDAR_DIR=", testing::Source("deploy/data/calendar")),
            absl::StrCat("LASO_NOTIFY_TEMPLATES_FILE=", testing::Source("deploy/data/notify/templates.json")),
            absl::StrCat("LASO_DOSSIER_LISTEN=127.0.0.1:", dossier_port),
            absl::StrCat("LASO_NOTIFY_LISTEN=127.0.0.1:", notify_port),
            absl::StrCat("LASO_GATEWAY_BACKENDS=dossier=127.0.0.1:", dossier_port, ",notify=127.0.0.1:", notify_port),
            "LASO_ZALO_GRAPH_BASE_URL=" + zalo_url_,
            "LASO_ZALO_ZNS_BASE_URL=" + zalo_url_,
            "LASO_ZALO_OAUTH_BASE_URL=" + zalo_url_,
            "LASO_ZALO_APP_SECRET=e2e-secret",
            "LASO_ZALO_OA_REFRESH_TOKEN=fake-oa-refresh-token",
            "LASO_NOTIFY_DEFAULT_QUIET_HOURS=off",  // the tests run at any hour
            "LASO_NOTIFY_CONSUMER=notify-e2e"};
    ASSERT_TRUE(dossier_.Start({Bin("services/dossier/laso-dossier")}, dir_.File("dossier.log"), env_));
    StartNotify();
    ASSERT_TRUE(staff_.Start(&env_, dir_.File("staff.log")));
    ASSERT_TRUE(gateway_.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_));
    ASSERT_TRUE(testing::WaitReady(http_)) << ReadWholeFile(dir_.File("notify.log"));
    integration_ = Token("integration", "motcua");
    admin_ = Token("admin", "root");
  }

  void StartNotify() {
    ASSERT_TRUE(notify_.Start({Bin("services/notify/laso-notify")}, dir_.File("notify.log"), env_));
  }

  testing::HttpTestClient::Headers Token(const std::string& role, const std::string& name) {
    EXPECT_EQ(testing::RunCli({"token", "--role", role, "--name", name}, env_, dir_.File("token")), 0);
    return {{"Authorization",
             "Bearer " + std::string(absl::StripAsciiWhitespace(ReadWholeFile(dir_.File("token"))))}};
  }

  void Sync(const json& dossiers) {
    auto synced = http_.PostJson("/v1/dossiers:sync", json{{"dossiers", dossiers}}.dump(), integration_);
    ASSERT_EQ(synced.status, 200) << synced.body;
  }

  // 500 dossiers' worth of applicants: 0900000000, 0900000001, ...
  json Batch(int from, int count) {
    json out = json::array();
    for (int i = from; i < from + count; ++i) {
      out.push_back(Dossier(absl::StrFormat("H15.50.05.13-261124-%04d", i), absl::StrFormat("09%08d", i)));
    }
    return out;
  }

  json Stats() { return http_.Get("/v1/notify/stats", admin_).Json(); }
  json ZnsSent() {
    testing::HttpTestClient zalo(zalo_port_);
    return zalo.Get("/_test/zns").Json();
  }
  void Zalo(const std::string& path, const json& body) {
    testing::HttpTestClient zalo(zalo_port_);
    ASSERT_EQ(zalo.PostJson(path, body.dump()).status, 200);
  }

  // Polls until `done` holds or `limit` passes.
  template <typename Done>
  bool WaitFor(Done done, absl::Duration limit) {
    absl::Time deadline = absl::Now() + limit;
    while (absl::Now() < deadline) {
      if (done()) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return done();
  }

  // The stream carries the audit events of the set-up's two token grants too, which notify
  // processes (and ignores): waits for them, and answers the count to measure from.
  int64_t AuditOfSetUpTaken() {
    EXPECT_TRUE(WaitFor([&] { return Number(Stats(), "eventsProcessed") >= 2; }, absl::Seconds(10)));
    return Number(Stats(), "eventsProcessed");
  }

  static int64_t Number(const json& j, const char* key) {
    if (!j.contains(key)) return 0;
    return j[key].is_string() ? std::stoll(j[key].get<std::string>()) : j[key].get<int64_t>();
  }

  testing::TempDir dir_;
  testing::RedisServer redis_;
  int zalo_port_ = testing::FreePort();
  std::string zalo_url_;
  testing::Subprocess zalo_, dossier_, notify_, gateway_;
  testing::AccountServices staff_;
  std::vector<std::string> env_;
  int http_port_ = testing::FreePort();
  testing::HttpTestClient http_{http_port_};
  testing::HttpTestClient::Headers integration_, admin_;
};

TEST_F(NotifyE2eTest, ADossierEventReachesTheInboxAndZaloWithinTwoSeconds) {
  absl::Time start = absl::Now();
  Sync(json::array({Dossier("H15.50.05.13-261124-0001", "0901234567")}));
  ASSERT_TRUE(WaitFor([&] { return ZnsSent().size() == 1; }, absl::Seconds(2)))
      << ReadWholeFile(dir_.File("notify.log"));
  absl::Duration took = absl::Now() - start;
  json sent = ZnsSent()[0];
  EXPECT_EQ(sent["phone"], "84901234567");
  EXPECT_EQ(sent["template_id"], "318421");
  EXPECT_EQ(sent["template_data"]["ma_ho_so"], "H15.50.05.13-261124-0001");
  EXPECT_EQ(sent["template_data"]["thu_tuc"], "Đăng ký khai sinh");
  EXPECT_EQ(sent["template_data"]["trang_thai"], "Được tiếp nhận");
  EXPECT_EQ(sent["template_data"]["co_quan"], "Bộ phận Một cửa UBND phường Tân An");
  EXPECT_LT(took, absl::Seconds(2));

  // fake-zalo's demo resident has that phone: signed in and verified, they see it.
  testing::HttpTestClient::Headers resident = {{"Authorization", "Bearer " + testing::DemoResidentToken(http_)}};
  auto inbox = http_.Get("/v1/me/notifications", resident);
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  ASSERT_EQ(inbox.Json()["notifications"].size(), 1u) << inbox.body;
  json n = inbox.Json()["notifications"][0];
  EXPECT_EQ(n["title"], "Hồ sơ H15.50.05.13-261124-0001: Được tiếp nhận");
  EXPECT_EQ(n["eventId"], sent["tracking_id"]);
  EXPECT_EQ(Number(inbox.Json(), "unreadCount"), 1);

  auto read = http_.PostJson(absl::StrCat("/v1/me/notifications/", n["id"].get<std::string>(), ":read"), "{}", resident);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_TRUE(read.Json().contains("readAt"));
  EXPECT_EQ(http_.PostJson("/v1/me/notifications/nope:read", "{}", resident).status, 404);
  auto all = http_.PostJson("/v1/me/notifications:readAll", "{}", resident);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(Number(http_.Get("/v1/me/notifications?unreadOnly=true", resident).Json(), "unreadCount"), 0);

  // Settings: per kind and quiet hours, checked.
  auto settings = http_.Get("/v1/me/notification-settings", resident);
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_EQ(settings.Json()["zaloReachable"], true);
  auto put = http_.Send("PUT", "/v1/me/notification-settings",
                        R"({"kinds":[{"kind":"dossier","inApp":true,"zalo":false}],
                            "quietHours":{"enabled":true,"start":"22:00","end":"06:30"}})",
                        {resident[0], {"Content-Type", "application/json"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.Json()["quietHours"]["start"], "22:00");
  auto bad = http_.Send("PUT", "/v1/me/notification-settings", R"({"kinds":[{"kind":"lottery"}]})",
                        {resident[0], {"Content-Type", "application/json"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["status"], "INVALID_ARGUMENT");
  // Zalo is off for dossiers now: the next one only reaches the inbox.
  Sync(json::array({Dossier("H15.50.05.13-261124-0002", "0901234567")}));
  // (The resident's acceptance of the privacy notice is an event on the stream too: count the inbox, not events.)
  ASSERT_TRUE(WaitFor([&] { return http_.Get("/v1/me/notifications", resident).Json()["notifications"].size() == 2; },
                      absl::Seconds(5)));
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(ZnsSent().size(), 1u);

  // Who may call what.
  EXPECT_EQ(http_.Get("/v1/me/notifications").status, 401);
  EXPECT_EQ(http_.Get("/v1/notify/stats", resident).status, 403);
  EXPECT_EQ(http_.Get("/v1/me/notifications", integration_).status, 403);
  // The phone number is in no log.
  for (const char* log : {"notify.log", "dossier.log", "gateway.log"}) {
    EXPECT_EQ(ReadWholeFile(dir_.File(log)).find("901234567"), std::string::npos) << log;
  }
}

TEST_F(NotifyE2eTest, RedisDownForTenSecondsWhile500EventsAreProducedLosesAndRepeatsNothing) {
  const int64_t before = AuditOfSetUpTaken();
  Sync(Batch(0, 1));
  ASSERT_TRUE(WaitFor([&] { return ZnsSent().size() == 1; }, absl::Seconds(5)));
  redis_.Kill();
  absl::Time down = absl::Now();
  for (int i = 0; i < 5; ++i) {  // 500 events over the outage
    Sync(Batch(1 + i * 100, 100));
    absl::SleepFor(absl::Seconds(2));
  }
  absl::SleepFor(down + absl::Seconds(10) - absl::Now());
  redis_.Restart();  // empty: Redis kept nothing, so the group is made again too
  ASSERT_TRUE(WaitFor([&] { return ZnsSent().size() >= 501 && Number(Stats(), "znsPending") == 0; },
                      absl::Seconds(30)))
      << ZnsSent().size() << " " << Stats().dump() << ReadWholeFile(dir_.File("notify.log"));
  json stats = Stats();
  EXPECT_EQ(Number(stats, "eventsProcessed") - before, 501);
  EXPECT_EQ(Number(stats, "inboxEntries"), 501);
  EXPECT_EQ(Number(stats, "znsSent"), 501);
  std::set<std::string> ids;
  for (const json& s : ZnsSent()) ids.insert(s["tracking_id"].get<std::string>());
  EXPECT_EQ(ZnsSent().size(), 501u);
  EXPECT_EQ(ids.size(), 501u);  // none twice
}

TEST_F(NotifyE2eTest, KilledMidBatchNotifyLosesNoEventAndSendsNoZaloMessageTwice) {
  Zalo("/_test/latency", {{"ms", 40}});  // a slow Zalo: batches take time
  const int64_t before = AuditOfSetUpTaken();
  Sync(Batch(0, 300));
  Sync(Batch(300, 300));
  ASSERT_TRUE(WaitFor([&] { return ZnsSent().size() >= 60; }, absl::Seconds(20)));
  notify_.Kill();  // SIGKILL, with messages in flight
  size_t before_restart = ZnsSent().size();
  ASSERT_LT(before_restart, 600u) << "the kill came too late to be mid-batch";
  StartNotify();
  ASSERT_TRUE(WaitFor([&] {
    json s = Stats();
    return Number(s, "eventsProcessed") - before == 600 && Number(s, "znsPending") == 0;
  }, absl::Seconds(40))) << Stats().dump() << ReadWholeFile(dir_.File("notify.log"));
  json stats = Stats();
  EXPECT_EQ(Number(stats, "inboxEntries"), 600);
  // Every message went out once, or was in flight at the kill: those are
  // dead-lettered as interrupted (never sent again) for reconciliation.
  EXPECT_EQ(Number(stats, "znsSent") + Number(stats, "znsDead"), 600);
  EXPECT_LE(Number(stats, "znsDead"), 16);  // at most one batch was in flight
  std::set<std::string> ids;
  for (const json& s : ZnsSent()) ids.insert(s["tracking_id"].get<std::string>());
  EXPECT_EQ(ids.size(), ZnsSent().size());  // no tracking_id twice
  EXPECT_GE(static_cast<int64_t>(ids.size()), Number(stats, "znsSent"));
  auto letters = http_.Get("/v1/notify/dead-letters?pageSize=100", admin_);
  ASSERT_EQ(letters.status, 200) << letters.body;
  for (const json& l : letters.Json().value("deadLetters", json::array())) {
    EXPECT_NE(l["reason"].get<std::string>().find("interrupted"), std::string::npos) << l.dump();
  }
}

TEST_F(NotifyE2eTest, AReplayWindowLongerThanItsMemoryOfEventsStopsItAtStart) {
  std::vector<std::string> env = env_;
  env.push_back("LASO_OUTBOX_REPLAY_WINDOW=30d");  // notify.dedupe_retention is 14d
  EXPECT_TRUE(testing::RefusesToStartNaming(Bin("services/notify/laso-notify"), env, dir_.File("bad.log"),
                                            "outbox.replay_window"))
      << ReadWholeFile(dir_.File("bad.log"));
}

}  // namespace
}  // namespace laso
