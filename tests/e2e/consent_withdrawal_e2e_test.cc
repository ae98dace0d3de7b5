// Withdrawing an optional purpose takes effect everywhere it applies: the
// whole stack, the resident's choices through the gateway, the
// privacy.consent_changed event through the stream to waste and notify.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/e2e/account_services.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/stack.h"

namespace laso {
namespace {

using nlohmann::json;

json Dossier(const std::string& code) {
  std::string now = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  return {{"code", code},
          {"procedure", {{"code", "1.001193"}, {"name", "Đăng ký khai sinh"}, {"processingDays", 3}}},
          {"receivingAgency", {{"code", "H15.50.05.13"}, {"name", "Bộ phận Một cửa UBND phường Tân An"}}},
          {"channel", "ONLINE"},
          {"applicant", {{"name", "Nguyễn Văn An"}, {"phone", "0901234567"}, {"idNumber", "080195001234"}}},
          {"events", {{{"eventId", "e1"}, {"status", "RECEIVED"}, {"time", now}}}}};
}

// Zalo messages fake-zalo received about a dossier.
int ToldByZalo(testing::Stack& stack, const std::string& code) {
  testing::HttpTestClient zalo(stack.zalo_port());
  int n = 0;
  for (const json& m : zalo.Get("/_test/zns").Json()) {
    if (m.contains("template_data") && m["template_data"].value("ma_ho_so", "") == code) ++n;
  }
  return n;
}

TEST(ConsentWithdrawalE2eTest, WithdrawingStopsZaloMessagesAndCancelsCollectionRemindersWithinSeconds) {
  testing::Stack stack;
  std::string why;
  ASSERT_TRUE(stack.Start(&why)) << why;
  testing::HttpTestClient& http = stack.http();
  std::string admin = stack.StaffBearer("admin", "moitruong");
  std::string integration = stack.StaffBearer("integration", "motcua");
  auto put = http.Send("PUT", "/v1/waste/routes/tan-an-sinh-hoat-1",
                       testing::ReadWholeFile(testing::Source("deploy/demo/waste/tan-an-sinh-hoat-1.geojson")),
                       {{"Authorization", admin}, {"Content-Type", "application/geo+json"}});
  ASSERT_EQ(put.status, 200) << put.body;

  std::string token = testing::DemoResidentToken(http);  // every purpose granted
  ASSERT_FALSE(token.empty());
  testing::HttpTestClient::Headers resident = {{"Authorization", "Bearer " + token}};
  ASSERT_EQ(http.Get("/v1/me/notifications", resident).status, 200);  // notify learns the verified phone
  auto subscribed = http.PostJson("/v1/waste/subscriptions", R"({"lat":10.5372,"lng":106.4123})", resident);
  ASSERT_EQ(subscribed.status, 200) << subscribed.body;
  auto first = http.PostJson("/v1/dossiers:sync", json{{"dossiers", {Dossier("H15.50.05.13-261201-0001")}}}.dump(),
                             {{"Authorization", integration}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_LT(testing::WaitUntil(absl::Seconds(20), [&] { return ToldByZalo(stack, "H15.50.05.13-261201-0001") == 1; }),
            absl::Seconds(20))
      << "with consent, the dossier's news goes by Zalo";

  // Withdraw both optional purposes.
  json choices = json::array({{{"purpose", "services"}, {"granted", true}},
                              {{"purpose", "zalo_messages"}, {"granted", false}},
                              {{"purpose", "location_reminders"}, {"granted", false}}});
  auto headers = resident;
  headers.push_back({"Content-Type", "application/json"});
  auto withdrawn = http.Send("PUT", "/v1/me/consents", json({{"noticeVersion", 1}, {"choices", choices}}).dump(), headers);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  testing::HttpTestClient::Headers after = {{"Authorization", "Bearer " + withdrawn.Json()["session"]["sessionToken"].get<std::string>()}};

  absl::Duration cancelled = testing::WaitUntil(absl::Seconds(60), [&] {
    auto mine = http.Get("/v1/me/waste-subscriptions", after);
    return mine.status == 200 && mine.Json().value("subscriptions", json::array()).empty();
  });
  EXPECT_LT(cancelled, absl::Seconds(60)) << "the collection reminder outlived the withdrawal";
  auto again = http.PostJson("/v1/waste/subscriptions", R"({"lat":10.5372,"lng":106.4123})", after);
  EXPECT_EQ(again.status, 403) << again.body;

  // The next dossier news reaches the inbox only. Wait until notify has taken the withdrawal
  // (it follows the same stream), then until the news is in the inbox.
  auto second = http.PostJson("/v1/dossiers:sync", json{{"dossiers", {Dossier("H15.50.05.13-261201-0002")}}}.dump(),
                              {{"Authorization", integration}});
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_LT(testing::WaitUntil(absl::Seconds(20), [&] {
              auto inbox = http.Get("/v1/me/notifications", after);
              return inbox.status == 200 && inbox.Json().value("notifications", json::array()).size() >= 2;
            }),
            absl::Seconds(20));
  absl::SleepFor(absl::Seconds(3));  // a Zalo message would have gone out by now
  EXPECT_EQ(ToldByZalo(stack, "H15.50.05.13-261201-0002"), 0) << "a Zalo message after the withdrawal";
  std::printf("consent withdrawal: reminders cancelled %.1f s after the PUT\n", absl::ToDoubleSeconds(cancelled));
}

}  // namespace
}  // namespace laso
