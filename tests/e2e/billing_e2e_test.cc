// Bills through the gateway: a utility imports, residents look up, link, see
// breakdowns and pay in the Zalo Mini App; Zalo calls back.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
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

constexpr char kCheckoutKey[] = "e2e-checkout-key";

class BillingE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int zalo_port = testing::FreePort();
    ASSERT_TRUE(zalo_.Start({Bin("tools/fake-zalo/fake-zalo"), "--port", absl::StrCat(zalo_port), "--app-secret",
                             "e2e-secret", "--demo"},
                            dir_.File("fake-zalo.log")));
    int billing_port = testing::FreePort();
    env_ = {absl::StrCat("LASO_DATA_DIR=", dir_.path()),
            "LASO_KEYS_CREATE_MISSING=true",  // one machine: the processes make their keys
            absl::StrCat("LASO_HTTP_PORT=", http_port_),
            absl::StrCat("LASO_REDIS_ADDRESS=", redis_.address()),
            absl::StrCat("LASO_CALENDAR_DIR=", Source("deploy/data/calendar")),
            absl::StrCat("LASO_BILLING_PROVIDERS_FILE=", Source("deploy/data/billing/providers.json")),
            absl::StrCat("LASO_BILLING_LISTEN=127.0.0.1:", billing_port),
            absl::StrCat("LASO_GATEWAY_BACKENDS=billing=127.0.0.1:", billing_port),
            absl::StrCat("LASO_ZALO_GRAPH_BASE_URL=http://127.0.0.1:", zalo_port),
            "LASO_ZALO_APP_SECRET=e2e-secret",
            "LASO_BILLING_PHONE_HASH_KEY=e2e-phone-key",
            absl::StrCat("LASO_BILLING_ZALO_CHECKOUT_PRIVATE_KEY=", kCheckoutKey)};
    ASSERT_TRUE(billing_.Start({Bin("services/billing/laso-billing")}, dir_.File("billing.log"), env_));
    ASSERT_TRUE(staff_.Start(&env_, dir_.File("staff.log")));
    ASSERT_TRUE(gateway_.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_));
    ASSERT_TRUE(testing::WaitReady(http_)) << ReadWholeFile(dir_.File("billing.log"));
    ASSERT_EQ(testing::RunCli({"token", "--role", "integration", "--name", "evn-longan"}, env_, dir_.File("token")), 0);
    utility_ = {{"Authorization", "Bearer " + std::string(absl::StripAsciiWhitespace(ReadWholeFile(dir_.File("token"))))}};
  }

  testing::HttpTestClient::Headers Resident() {
    return {{"Authorization", "Bearer " + testing::DemoResidentToken(http_)}};
  }

  // A callback as Zalo signs it.
  static std::string Callback(int64_t amount, const std::string& trans_id, const std::string& bill_id) {
    nlohmann::ordered_json data = {{"appId", "3068034467539094765"}, {"amount", amount},
                                   {"description", "Thanh toán tiền điện"}, {"orderId", "o-" + trans_id},
                                   {"message", "Giao dịch thành công"}, {"resultCode", 1},
                                   {"transId", trans_id},
                                   {"extradata", json({{"billId", bill_id}}).dump()}};
    std::string mac_input = absl::StrCat("appId=3068034467539094765&amount=", amount,
                                         "&description=Thanh toán tiền điện&orderId=o-", trans_id,
                                         "&message=Giao dịch thành công&resultCode=1&transId=", trans_id);
    std::vector<std::string> keys;
    for (auto it = data.begin(); it != data.end(); ++it) keys.push_back(it.key());
    std::sort(keys.begin(), keys.end());
    std::string overall;
    for (const auto& k : keys) {
      absl::StrAppend(&overall, overall.empty() ? "" : "&", k, "=",
                      data[k].is_string() ? data[k].get<std::string>() : data[k].dump());
    }
    return nlohmann::ordered_json({{"data", data},
                                   {"mac", crypto::Hex(crypto::HmacSha256(kCheckoutKey, mac_input))},
                                   {"overallMac", crypto::Hex(crypto::HmacSha256(kCheckoutKey, overall))}})
        .dump();
  }

  testing::TempDir dir_;
  testing::RedisServer redis_;
  testing::Subprocess zalo_, billing_, gateway_;
  testing::AccountServices staff_;
  std::vector<std::string> env_;
  int http_port_ = testing::FreePort();
  testing::HttpTestClient http_{http_port_};
  testing::HttpTestClient::Headers utility_;
};

TEST_F(BillingE2eTest, ImportLookupLinkPayThroughTheGateway) {
  // 250 kWh in October 2026 at 8% VAT: 636,768 VND. The second row's total is wrong.
  std::string body =
      R"({"provider":"evn-longan","customerCode":"PB06010000001","period":"2026-10","previousReading":"1000","currentReading":"1250","total":"636768","dueDate":"2099-11-10","customerName":"Nguyễn Văn An","registeredPhone":"0901234567"})"
      "\n"
      R"({"provider":"evn-longan","customerCode":"PB06010000002","period":"2026-10","consumption":"250","total":"600000","dueDate":"2099-11-10","customerName":"Lê Thị Hoa"})"
      "\n";
  auto headers = utility_;
  headers.push_back({"Content-Type", "application/x-ndjson"});
  auto imported = http_.Send("POST", "/v1/bills:import", body, headers);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json()["accepted"], 1);
  EXPECT_EQ(imported.Json()["rejected"], 1);
  EXPECT_EQ(imported.Json()["errors"][0]["row"], 2);
  EXPECT_EQ(imported.Json()["errors"][0]["computedTotal"], "636768");
  EXPECT_EQ(http_.Send("POST", "/v1/bills:import", body, {{"Content-Type", "application/x-ndjson"}}).status, 401);

  auto lookup = http_.Get("/v1/bill-lookup?provider=evn-longan&customerCode=PB06010000001");
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(lookup.Json()["total"], "636768");
  EXPECT_EQ(lookup.Json()["maskedName"], "Ng*** V** A");
  EXPECT_EQ(lookup.Json()["status"], "UNPAID");
  EXPECT_FALSE(absl::StrContains(lookup.body, "Nguyễn"));
  EXPECT_EQ(http_.Get("/v1/bill-lookup?provider=evn-longan&customerCode=PB06019999999").status, 404);
  auto compute = http_.Get("/v1/billing/providers/evn-longan:compute?periodStart=2025-06-01&periodEnd=2025-06-30&consumption=250");
  ASSERT_EQ(compute.status, 200) << compute.body;
  EXPECT_EQ(compute.Json()["total"], "648560");

  auto me = Resident();
  auto linked = http_.PostJson("/v1/me/utility-accounts",
                               R"({"provider":"evn-longan","customerCode":"PB06010000001","alias":"Nhà mình"})", me);
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(linked.Json()["level"], "FULL");
  auto mine = http_.Get("/v1/me/bills?status=UNPAID", me);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.Json()["bills"][0]["customerName"], "Nguyễn Văn An");
  EXPECT_EQ(mine.Json()["bills"][0]["breakdown"].size(), 4u);
  auto detail = http_.Get("/v1/utility-accounts/evn-longan/PB06010000001/bills", me);
  ASSERT_EQ(detail.status, 200) << detail.body;

  std::string id = mine.Json()["bills"][0]["id"];
  auto order = http_.PostJson("/v1/bills/" + id + ":checkout", "{}", me);
  ASSERT_EQ(order.status, 200) << order.body;
  EXPECT_EQ(order.Json()["amount"], "636768");
  EXPECT_EQ(order.Json()["mac"].get<std::string>().size(), 64u);

  // Zalo calls back: a wrong amount and a bad mac change nothing; the good one pays once.
  auto cb = [&](const std::string& b) {
    return http_.Send("POST", "/v1/payments/zalo/callback", b, {{"Content-Type", "application/json"}});
  };
  EXPECT_EQ(cb(Callback(1000, "t-0", id)).Json()["returnCode"], -1);
  std::string forged = Callback(636768, "t-1", id);
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'a' ? 'b' : 'a';
  EXPECT_EQ(cb(forged).Json()["returnCode"], -1);
  EXPECT_EQ(http_.Get("/v1/bill-lookup?provider=evn-longan&customerCode=PB06010000001").Json()["status"], "UNPAID");
  auto paid = cb(Callback(636768, "t-1", id));
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.Json()["returnCode"], 1);
  EXPECT_EQ(cb(Callback(636768, "t-1", id)).Json()["returnMessage"], "already handled");
  EXPECT_EQ(http_.Get("/v1/bill-lookup?provider=evn-longan&customerCode=PB06010000001").Json()["status"], "PAID");

  EXPECT_EQ(http_.Send("DELETE", "/v1/me/utility-accounts/evn-longan/PB06010000001", "", me).status, 200);
  EXPECT_EQ(http_.Get("/v1/utility-accounts/evn-longan/PB06010000001/bills", me).status, 403);
  std::string logs = ReadWholeFile(dir_.File("billing.log")) + ReadWholeFile(dir_.File("gateway.log"));
  EXPECT_FALSE(absl::StrContains(logs, "901234567"));
  EXPECT_FALSE(absl::StrContains(logs, "Nguyễn Văn An"));
}

}  // namespace
}  // namespace laso
