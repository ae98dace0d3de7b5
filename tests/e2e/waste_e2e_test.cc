// Waste collection through the gateway: routes as GeoJSON, schedules as JSON
// and iCalendar, a tracker posting positions, the ETA, the guide.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/crypto/hash.h"
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
using testing::Source;

class WasteE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int waste_port = testing::FreePort();
    env_ = {absl::StrCat("LASO_DATA_DIR=", dir_.path()),
            "LASO_KEYS_CREATE_MISSING=true",  // one machine: the processes make their keys
            absl::StrCat("LASO_HTTP_PORT=", http_port_),
            absl::StrCat("LASO_REDIS_ADDRESS=", redis_.address()),
            absl::StrCat("LASO_CALENDAR_DIR=", Source("deploy/data/calendar")),
            absl::StrCat("LASO_WASTE_BOUNDARY_FILE=", Source("deploy/data/boundary/long-an.geojson")),
            absl::StrCat("LASO_WASTE_GUIDE_FILE=", Source("deploy/data/waste/guide.json")),
            absl::StrCat("LASO_WASTE_LISTEN=127.0.0.1:", waste_port),
            absl::StrCat("LASO_GATEWAY_BACKENDS=waste=127.0.0.1:", waste_port)};
    ASSERT_TRUE(waste_.Start({Bin("services/waste/laso-waste")}, dir_.File("waste.log"), env_));
    ASSERT_TRUE(staff_.Start(&env_, dir_.File("staff.log")));
    ASSERT_TRUE(gateway_.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_));
    ASSERT_TRUE(testing::WaitReady(http_)) << ReadWholeFile(dir_.File("waste.log"));
  }

  testing::HttpTestClient::Headers Token(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"token"};
    all.insert(all.end(), args.begin(), args.end());
    std::string out = dir_.File("token-" + args[1]);
    EXPECT_EQ(testing::RunCli(all, env_, out), 0) << ReadWholeFile(out + ".err");
    return {{"Authorization", "Bearer " + std::string(absl::StripAsciiWhitespace(ReadWholeFile(out)))}};
  }

  testing::TempDir dir_;
  testing::RedisServer redis_;
  testing::Subprocess waste_, gateway_;
  testing::AccountServices staff_;
  std::vector<std::string> env_;
  int http_port_ = testing::FreePort();
  testing::HttpTestClient http_{http_port_};
};

TEST_F(WasteE2eTest, RoutesSchedulesTrackerAndGuideThroughTheGateway) {
  auto admin = Token({"--role", "admin", "--name", "moitruong"});
  std::string geojson = ReadWholeFile(Source("deploy/demo/waste/tan-an-sinh-hoat-1.geojson"));
  auto headers = admin;
  headers.push_back({"Content-Type", "application/geo+json"});
  auto put = http_.Send("PUT", "/v1/waste/routes/tan-an-sinh-hoat-1", geojson, headers);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.Json()["stops"], 5);
  EXPECT_EQ(http_.Send("PUT", "/v1/waste/routes/x", geojson, {{"Content-Type", "application/geo+json"}}).status, 401);
  auto bad = http_.Send("PUT", "/v1/waste/routes/x", R"({"type":"FeatureCollection","features":[]})", headers);
  EXPECT_EQ(bad.status, 400);

  auto back = http_.Get("/v1/waste/routes/tan-an-sinh-hoat-1");
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.Header("content-type"), "application/geo+json");
  EXPECT_EQ(json::parse(back.body)["features"].size(), 6u);

  auto schedule = http_.Get("/v1/waste/schedule?lat=10.5372&lng=106.4123");
  ASSERT_EQ(schedule.status, 200) << schedule.body;
  EXPECT_EQ(schedule.Json()["routes"][0]["nearestStop"]["name"], "Chợ phường Tân An");
  EXPECT_EQ(schedule.Json()["routes"][0]["nextPickups"].size(), 7u);
  auto ics = http_.Get("/v1/waste/schedule.ics?lat=10.5372&lng=106.4123");
  ASSERT_EQ(ics.status, 200);
  EXPECT_TRUE(absl::StartsWith(ics.Header("content-type"), "text/calendar"));
  EXPECT_TRUE(absl::StrContains(ics.body, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR"));

  // A tracker bound to its truck posts; another truck's tracker may not.
  auto tracker = Token({"--role", "tracker", "--name", "gps-62c12345", "--agency", "62C-123.45"});
  std::string now = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  std::string batch = absl::StrCat(R"({"positions":[{"lat":10.5340,"lng":106.4100,"speed":18,"recordedAt":")", now,
                                   R"("},{"lat":10.7769,"lng":106.7009,"recordedAt":")", now, R"("}]})");
  auto posted = http_.PostJson("/v1/waste/vehicles/62C-123.45/positions", batch, tracker);
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.Json()["accepted"], 1);
  EXPECT_EQ(posted.Json()["flagged"], 1);
  EXPECT_EQ(http_.PostJson("/v1/waste/vehicles/51A-000.00/positions", batch, tracker).status, 403);
  // A device without a token signs with the key an admin registered for its truck.
  auto key = http_.PostJson("/v1/waste/vehicles/62C-123.45:registerTracker", "{}", admin);
  ASSERT_EQ(key.status, 200) << key.body;
  std::string device_key = key.Json()["deviceKey"], raw;
  ASSERT_TRUE(crypto::HexDecode(device_key, &raw));
  std::string ts = absl::StrCat(absl::ToUnixSeconds(absl::Now()));
  std::string one = absl::StrCat(R"({"positions":[{"lat":10.5345,"lng":106.4103,"recordedAt":")", now, R"("}]})");
  std::string sig = crypto::Hex(crypto::HmacSha256(raw, absl::StrCat(ts, ".", one)));
  auto signed_post = http_.Send("POST", absl::StrCat("/v1/waste/vehicles/62C-123.45/positions:signed?timestamp=", ts,
                                                     "&signature=", sig),
                                one, {{"Content-Type", "application/json"}});
  ASSERT_EQ(signed_post.status, 200) << signed_post.body;
  auto forged = http_.Send("POST", absl::StrCat("/v1/waste/vehicles/62C-123.45/positions:signed?timestamp=", ts,
                                                "&signature=", std::string(64, '0')),
                           one, {{"Content-Type", "application/json"}});
  EXPECT_EQ(forged.status, 401);

  auto op = Token({"--role", "operator", "--name", "dieu-phoi"});
  auto vehicles = http_.Get("/v1/waste/vehicles", op);
  ASSERT_EQ(vehicles.status, 200) << vehicles.body;
  EXPECT_EQ(vehicles.Json()["vehicles"][0]["vehicleId"], "62C-123.45");
  EXPECT_EQ(http_.Get("/v1/waste/vehicles").status, 401);
  auto eta = http_.Get("/v1/waste/eta?lat=10.5400&lng=106.4181");
  ASSERT_EQ(eta.status, 200) << eta.body;
  EXPECT_TRUE(eta.Json()["routes"][0].contains("status"));

  auto guide = http_.Get("/v1/waste/guide?q=pin");
  ASSERT_EQ(guide.status, 200);
  EXPECT_EQ(guide.Json()["items"][0]["name"], "Pin, ắc quy");
}

}  // namespace
}  // namespace laso
