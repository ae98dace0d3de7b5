// The privacy notice's gate, through the gateway: a resident who has not
// accepted the current notice can read but not file; accepting gives a
// session that can, and which sign-in and refresh keep carrying.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/e2e/feedback_e2e_fixture.h"

namespace laso {
namespace {

using nlohmann::json;

testing::HttpTestClient::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

std::string SignIn(testing::HttpTestClient& http) {
  auto session = http.PostJson("/v1/auth/zalo/phone",
                               R"({"accessToken":"demo-zalo-access-token","phoneToken":"demo-zalo-phone-token"})");
  EXPECT_EQ(session.status, 200) << session.body;
  return session.Json().value("sessionToken", "");
}

TEST_F(FeedbackE2eTest, AResidentFilesOnlyAfterAcceptingThePrivacyNotice) {
  std::string first = SignIn(http_);
  auto refused = http_.PostJson("/v1/feedback", Pothole().dump(), Bearer(first));
  ASSERT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["details"][0]["reason"], "CONSENT_REQUIRED");
  // Reading needs no consent.
  EXPECT_EQ(http_.Get("/v1/me/feedback", Bearer(first)).status, 200);

  auto notice = http_.Get("/v1/privacy-notice");
  ASSERT_EQ(notice.status, 200) << notice.body;
  const json shown = notice.Json();
  EXPECT_EQ(shown["purposes"][0]["code"], "services");
  auto mine = http_.Get("/v1/me/consents", Bearer(first));
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.Json()["acceptanceNeeded"], true);

  json choices = json::array({{{"purpose", "services"}, {"granted", true}},
                              {{"purpose", "zalo_messages"}, {"granted", false}},
                              {{"purpose", "location_reminders"}, {"granted", true}}});
  auto headers = Bearer(first);
  headers.push_back({"Content-Type", "application/json"});
  auto stale = http_.Send("PUT", "/v1/me/consents",
                          json({{"noticeVersion", shown["version"].get<int>() + 1}, {"choices", choices}}).dump(), headers);
  ASSERT_EQ(stale.status, 400) << stale.body;
  EXPECT_EQ(stale.Json()["error"]["details"][0]["reason"], "NOTICE_CHANGED");
  auto accepted = http_.Send("PUT", "/v1/me/consents",
                             json({{"noticeVersion", shown["version"]}, {"choices", choices}}).dump(), headers);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  const json state = accepted.Json();
  EXPECT_EQ(state.value("acceptanceNeeded", false), false);
  ASSERT_EQ(state["history"].size(), 3u);
  EXPECT_EQ(state["history"][0]["client"], "app");
  std::string consented = state["session"]["sessionToken"];
  EXPECT_EQ(http_.PostJson("/v1/feedback", Pothole().dump(), Bearer(consented)).status, 200);

  // A refresh keeps it; a new sign-in finds it with the privacy service.
  auto refreshed = http_.PostJson("/v1/auth/refresh", "{}", Bearer(consented));
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_EQ(http_.PostJson("/v1/feedback", Pothole().dump(), Bearer(refreshed.Json()["sessionToken"])).status, 200);
  std::string again = SignIn(http_);
  EXPECT_EQ(http_.PostJson("/v1/feedback", Pothole().dump(), Bearer(again)).status, 200);

  // With the privacy service gone, signing in still works; filing waits for it.
  staff_.KillPrivacy();
  std::string without = SignIn(http_);
  EXPECT_EQ(http_.Get("/v1/me/feedback", Bearer(without)).status, 200);
  auto waits = http_.PostJson("/v1/feedback", Pothole().dump(), Bearer(without));
  EXPECT_EQ(waits.status, 403) << waits.body;
  EXPECT_EQ(http_.Get("/v1/me/consents", Bearer(without)).status, 503);
}

}  // namespace
}  // namespace laso
