// The 1022 desk through the gateway with real staff sign-ins: an urgent call
// without a pin, a prepared answer, a fixed category, and the CSV exports.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/e2e/feedback_e2e_fixture.h"
#include "tests/e2e/processes.h"

namespace laso {
namespace {

using nlohmann::json;

TEST_F(FeedbackE2eTest, TheDeskTakesAnUrgentCallAnswersFromATemplateAndExports) {
  testing::StaffPerson op = testing::SignInNewStaff(http_, env_, dir_.path(), "operator", "tongdai-05");
  ASSERT_FALSE(op.session.is_null());
  testing::HttpTestClient::Headers desk = {{"Authorization", op.Bearer()}};

  // A call: a fallen power line, only the ward and a landmark. Power is URGENT by default.
  json call = {{"categoryCode", "power"},
               {"description", "Dây điện đứt rơi xuống đường trước chợ, người dân gọi báo gấp."},
               {"wardCode", "phuong-tan-an"},
               {"address", "Chợ phường Tân An"},
               {"reporter", {{"name", "Trần Văn Bình"}, {"phone", "0912 345 678"}}}};
  auto created = http_.PostJson("/v1/feedback", call.dump(), desk);
  ASSERT_EQ(created.status, 200) << created.body;
  std::string id = created.Json()["id"];
  auto report = http_.Get("/v1/feedback/" + id, desk);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.Json()["priority"], "URGENT");
  EXPECT_EQ(report.Json()["channel"], "HOTLINE");
  EXPECT_TRUE(report.Json().contains("ackDueAt")) << report.body;
  EXPECT_EQ(report.Json()["updates"][0]["actor"], "staff:tongdai-05");

  // Not the power company's after all: a fallen tree on the line is the city's; re-routed.
  auto fixed = http_.PostJson("/v1/feedback/" + id + ":recategorize",
                              R"({"categoryCode":"urban-order","reason":"Cây đổ đè dây, cần đô thị xử lý trước."})", desk);
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(fixed.Json()["agencyCode"], "ubnd-phuong-tan-an");
  EXPECT_EQ(fixed.Json()["priority"], "NORMAL");  // urgent only by the old category's default

  // The ward's officer drafts from a template, filled in for this report, and answers.
  testing::StaffPerson officer =
      testing::SignInNewStaff(http_, env_, dir_.path(), "officer", "canbo-tanan", "ubnd-phuong-tan-an");
  testing::HttpTestClient::Headers ward = {{"Authorization", officer.Bearer()}};
  auto drafts = http_.Get("/v1/feedback/" + id + "/answer-drafts", ward);
  ASSERT_EQ(drafts.status, 200) << drafts.body;
  std::string draft;
  json offered = drafts.Json();
  for (const auto& t : offered["templates"]) {
    if (t["code"] == "da-tiep-nhan-chuyen-xu-ly") draft = t["body"].get<std::string>();
  }
  EXPECT_TRUE(absl::StrContains(draft, id)) << drafts.body;
  EXPECT_TRUE(absl::StrContains(draft, "UBND phường Tân An")) << draft;
  ASSERT_EQ(http_.PostJson("/v1/feedback/" + id + ":respond", json{{"message", draft}, {"public", true}}.dump(), ward).status,
            200);

  // The work list as a spreadsheet file.
  auto csv = http_.Get("/v1/feedback:export?status=ANSWERED&category=urban-order", desk);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8; header=present");
  EXPECT_EQ(csv.Header("transfer-encoding"), "chunked");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_TRUE(absl::StrContains(csv.body, "Mã phản ánh,Thời điểm tiếp nhận,Kênh")) << csv.body.substr(0, 200);
  EXPECT_TRUE(absl::StrContains(csv.body, id));
  EXPECT_TRUE(absl::StrContains(csv.body, "Trật tự đô thị"));
  EXPECT_FALSE(absl::StrContains(csv.body, "912345678"));  // no reporter contact
  EXPECT_FALSE(absl::StrContains(csv.body, "Trần Văn Bình"));
  EXPECT_EQ(http_.Get("/v1/feedback:export", Resident()).status, 403);
  EXPECT_EQ(http_.Get("/v1/feedback:export").status, 401);
  auto bad = http_.Get("/v1/feedback:export?from=hom-qua", desk);
  EXPECT_EQ(bad.status, 400) << bad.body;

  // A long list comes a page at a time (feedback.export_page_rows is 2 here): every report once, one header.
  for (int i = 0; i < 4; ++i) {
    json more = Pothole();
    more["location"]["latitude"] = 10.5366 + 0.002 * i;
    ASSERT_EQ(http_.PostJson("/v1/feedback", more.dump(), Resident()).status, 200);
  }
  auto all = http_.Get("/v1/feedback:export", desk);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.Header("transfer-encoding"), "chunked");
  size_t lines = 0;
  for (size_t at = all.body.find("\r\n1022-"); at != std::string::npos; at = all.body.find("\r\n1022-", at + 1)) ++lines;
  EXPECT_EQ(lines, 5u) << all.body;
  size_t headers = 0;
  for (size_t at = all.body.find("Mã phản ánh,"); at != std::string::npos; at = all.body.find("Mã phản ánh,", at + 1)) ++headers;
  EXPECT_EQ(headers, 1u);
  std::string access_log;  // the log line is written when the last chunk went out, and flushed soon after
  for (int i = 0; i < 50 && !absl::StrContains(access_log, R"("outcome":"complete")"); ++i) {
    absl::SleepFor(absl::Milliseconds(50));
    access_log = testing::ReadWholeFile(dir_.File("gateway.log"));
  }
  EXPECT_TRUE(absl::StrContains(access_log, R"("route":"GET /v1/feedback:export")")) << access_log.substr(0, 500);
  EXPECT_TRUE(absl::StrContains(access_log, R"("outcome":"complete")"));

  // The statistics are public, as CSV too.
  auto stats = http_.Get("/v1/feedback-stats:export?groupBy=CHANNEL");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_TRUE(absl::StrContains(stats.body, "Tổng đài 1022")) << stats.body;
}

}  // namespace
}  // namespace laso
