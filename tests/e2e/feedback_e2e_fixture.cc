#include "tests/e2e/feedback_e2e_fixture.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/account_services.h"

namespace laso {

using testing::Bin;
using testing::ReadWholeFile;
using testing::Source;

void FeedbackE2eTest::SetUp() {
  int zalo_port = testing::FreePort();
  ASSERT_TRUE(zalo_.Start({Bin("tools/fake-zalo/fake-zalo"), "--port", absl::StrCat(zalo_port), "--app-secret",
                           "e2e-secret", "--demo"},
                          dir_.File("fake-zalo.log")));
  int feedback_port = testing::FreePort();
  env_ = {absl::StrCat("LASO_DATA_DIR=", dir_.path()),
            "LASO_KEYS_CREATE_MISSING=true",  // one machine: the processes make their keys
          absl::StrCat("LASO_HTTP_PORT=", http_port_),
          absl::StrCat("LASO_REDIS_ADDRESS=", redis_.address()),
          absl::StrCat("LASO_CALENDAR_DIR=", Source("deploy/data/calendar")),
          absl::StrCat("LASO_FEEDBACK_BOUNDARY_FILE=", Source("deploy/data/boundary/long-an.geojson")),
          absl::StrCat("LASO_FEEDBACK_LISTEN=127.0.0.1:", feedback_port),
          absl::StrCat("LASO_GATEWAY_BACKENDS=feedback=127.0.0.1:", feedback_port),
          absl::StrCat("LASO_ZALO_GRAPH_BASE_URL=http://127.0.0.1:", zalo_port),
          "LASO_ZALO_APP_SECRET=e2e-secret",
          "LASO_RATELIMIT_WRITE_PER_USER=off",
          "LASO_RATELIMIT_WRITE_PER_IP=off",
          "LASO_FEEDBACK_EXPORT_PAGE_ROWS=2"};  // exports in several pieces
  StartFeedback();
  ASSERT_TRUE(staff_.Start(&env_, dir_.File("staff.log")));
  ASSERT_TRUE(gateway_.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_));
  ASSERT_TRUE(testing::WaitReady(http_)) << ReadWholeFile(dir_.File("gateway.log"))
                                         << ReadWholeFile(dir_.File("feedback.log"));
  ASSERT_EQ(testing::RunCli({"import", "feedback-catalog", Source("deploy/demo/feedback_catalog.json")}, env_,
                            dir_.File("catalog.out")),
            0)
      << ReadWholeFile(dir_.File("catalog.out.err"));
}

void FeedbackE2eTest::StartFeedback() {
  ASSERT_TRUE(feedback_.Start({Bin("services/feedback/laso-feedback")}, dir_.File("feedback.log"), env_));
}

testing::HttpTestClient::Headers FeedbackE2eTest::Token(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"token"};
  all.insert(all.end(), args.begin(), args.end());
  std::string out = dir_.File("token-" + std::to_string(all.size()) + args[1]);
  EXPECT_EQ(testing::RunCli(all, env_, out), 0) << ReadWholeFile(out + ".err");
  return {{"Authorization", "Bearer " + std::string(absl::StripAsciiWhitespace(ReadWholeFile(out)))}};
}

testing::HttpTestClient::Headers FeedbackE2eTest::Resident(bool verified_phone) {
  return {{"Authorization", "Bearer " + testing::DemoResidentToken(http_, verified_phone)}};
}

nlohmann::json FeedbackE2eTest::Pothole() {
  return {{"categoryCode", "road-damage"},
          {"description", "Ổ gà lớn trước số 12 Hùng Vương, xe máy dễ té khi trời mưa."},
          {"location", {{"latitude", 10.5366}, {"longitude", 106.4137}}},
          {"address", "12 Hùng Vương, Phường Tân An"},
          {"answers", {{{"question", "size"}, {"values", {"medium"}}}}}};
}

}  // namespace laso
