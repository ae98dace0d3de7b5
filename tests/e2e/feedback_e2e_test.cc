// The 1022 hotline end to end: residents report with photos, operators and
// officers handle, and nothing acknowledged is lost when the service is killed.
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/e2e/feedback_e2e_fixture.h"
#include "tests/e2e/processes.h"
#include "tests/services/feedback/media_samples.h"

namespace laso {
namespace {

using nlohmann::json;
using testing::ReadWholeFile;

TEST_F(FeedbackE2eTest, ResidentReportsWithAPhotoAndTheAgencyAnswers) {
  auto me = Resident();
  // The photo first: a JPEG with GPS in its EXIF, stored without it.
  auto photo = http_.Send("POST", "/v1/attachments", feedback::samples::JpegWithExif(),
                          {me[0], {"Content-Type", "image/jpeg"}});
  ASSERT_EQ(photo.status, 200) << photo.body;
  EXPECT_EQ(photo.Json()["contentType"], "image/jpeg");
  auto stored = http_.Get(photo.Json()["url"].get<std::string>());
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.Header("content-type"), "image/jpeg");
  EXPECT_FALSE(absl::StrContains(stored.body, "GPS"));

  json report = Pothole();
  report["attachmentIds"] = {photo.Json()["id"]};
  auto headers = me;
  headers.push_back({"Idempotency-Key", "report-1"});
  auto created = http_.PostJson("/v1/feedback", report.dump(), headers);
  ASSERT_EQ(created.status, 200) << created.body;
  std::string id = created.Json()["id"];
  EXPECT_TRUE(absl::StartsWith(id, "1022-")) << id;
  EXPECT_EQ(created.Json()["status"], "ASSIGNED");
  EXPECT_TRUE(absl::EndsWith(created.Json()["dueAt"].get<std::string>(), "+07:00"));
  // The phone retries: the same answer, no second report.
  auto retried = http_.PostJson("/v1/feedback", report.dump(), headers);
  ASSERT_EQ(retried.status, 200);
  EXPECT_EQ(retried.body, created.body);
  EXPECT_EQ(http_.Get("/v1/me/feedback", me).Json()["totalSize"], 1);

  // Without a verified phone: 403 telling the resident what to do.
  auto unverified = http_.PostJson("/v1/feedback", report.dump(), Resident(false));
  ASSERT_EQ(unverified.status, 403);
  EXPECT_TRUE(absl::StrContains(unverified.body, "PHONE_NOT_VERIFIED")) << unverified.body;
  EXPECT_EQ(http_.PostJson("/v1/feedback", report.dump()).status, 401);

  // The public view has neither phone nor (for this one) anything private.
  auto pub = http_.Get("/v1/feedback/" + id);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_FALSE(absl::StrContains(pub.body, "84901234567"));
  EXPECT_FALSE(pub.Json().value("mine", false));
  EXPECT_EQ(http_.Get("/v1/feedback/" + id, me).Json()["mine"], true);
  auto near = http_.Get("/v1/feedback:nearby?lat=10.5370&lng=106.4137&category=road-damage");
  ASSERT_EQ(near.status, 200) << near.body;
  EXPECT_EQ(near.Json()["items"][0]["id"], id);

  // The operators search without diacritics; the wrong agency may not act.
  auto op = Token({"--role", "operator", "--name", "tongdai-01"});
  auto found = http_.Get("/v1/feedback?text=hung%20vuong", op);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.Json()["items"][0]["reporter"]["phone"], "84******567");  // masked until revealed
  EXPECT_EQ(found.Json()["items"][0]["reporter"]["contactHidden"], true);
  auto revealed = http_.PostJson("/v1/feedback/" + id + ":revealReporter", R"({"reason":"gọi lại"})", op);
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["phone"], "84901234567");
  EXPECT_EQ(http_.Get("/v1/feedback", me).status, 403);
  auto police = Token({"--role", "officer", "--name", "canbo-ca", "--agency", "cong-an"});
  EXPECT_EQ(http_.PostJson("/v1/feedback/" + id + ":accept", "{}", police).status, 403);
  auto builder = Token({"--role", "officer", "--name", "canbo-xd", "--agency", "so-xd"});
  ASSERT_EQ(http_.PostJson("/v1/feedback/" + id + ":accept", "{}", builder).status, 200);
  auto answered = http_.PostJson("/v1/feedback/" + id + ":respond",
                                 R"({"message":"Đã vá ổ gà ngày hôm nay.","public":true})", builder);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.Json()["status"], "ANSWERED");

  // The resident rates; another resident cannot.
  auto rated = http_.PostJson("/v1/feedback/" + id + ":rate", R"({"stars":5,"comment":"Nhanh quá!"})", me);
  ASSERT_EQ(rated.status, 200) << rated.body;
  auto stats = http_.Get("/v1/feedback-stats");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.Json()["total"]["answered"], 1);
  EXPECT_EQ(stats.Json()["rows"][0]["name"], "Sở Xây dựng");
  auto by_ward = http_.Get("/v1/feedback-stats?groupBy=WARD");
  ASSERT_EQ(by_ward.status, 200) << by_ward.body;
  EXPECT_EQ(by_ward.Json()["rows"][0]["name"], "Phường Tân An");
  auto answered_list = http_.Get("/v1/feedback?status=ANSWERED&status=CLOSED&overdueOnly=false", op);
  ASSERT_EQ(answered_list.status, 200) << answered_list.body;
  EXPECT_EQ(answered_list.Json()["items"].size(), 1u);
  EXPECT_EQ(http_.Get("/v1/feedback?status=RECEIVED", op).Json().value("items", json::array()).size(), 0u);

  // No phone numbers or names in the logs.
  std::string logs = ReadWholeFile(dir_.File("feedback.log")) + ReadWholeFile(dir_.File("gateway.log"));
  EXPECT_FALSE(absl::StrContains(logs, "901234567"));
}

TEST_F(FeedbackE2eTest, AttachmentsAreJudgedByTheirBytes) {
  auto me = Resident();
  // A PNG sent as a .jpg is stored as the PNG it is.
  auto png = http_.Send("POST", "/v1/attachments", feedback::samples::PngWithText(),
                        {me[0], {"Content-Type", "image/jpeg"}});
  ASSERT_EQ(png.status, 200) << png.body;
  EXPECT_EQ(png.Json()["contentType"], "image/png");
  auto truncated = http_.Send("POST", "/v1/attachments", feedback::samples::JpegWithExif().substr(0, 150),
                              {me[0], {"Content-Type", "image/jpeg"}});
  EXPECT_EQ(truncated.status, 400);
  EXPECT_TRUE(absl::StrContains(truncated.body, "TRUNCATED_MEDIA")) << truncated.body;
  auto video = http_.Send("POST", "/v1/attachments", feedback::samples::Mp4(20 << 20), {me[0], {"Content-Type", "video/mp4"}});
  EXPECT_EQ(video.status, 200) << video.body.substr(0, 300);
  auto huge = http_.Send("POST", "/v1/attachments", feedback::samples::Mp4(31 << 20), {me[0], {"Content-Type", "video/mp4"}});
  EXPECT_EQ(huge.status, 413);
  auto pdf = http_.Send("POST", "/v1/attachments", "%PDF-1.7 ...", {me[0], {"Content-Type", "image/png"}});
  EXPECT_EQ(pdf.status, 400);
}

TEST_F(FeedbackE2eTest, EveryAcknowledgedReportSurvivesAKilledServiceOnce) {
  auto me = Resident();
  constexpr int kReports = 200;
  std::map<int, std::string> acknowledged;  // key number -> id
  std::atomic<int> done{0}, refused{0};
  std::thread stream([&] {
    testing::HttpTestClient client(http_port_);
    for (int i = 0; i < kReports; ++i) {
      auto headers = me;
      headers.push_back({"Idempotency-Key", absl::StrCat("stream-", i)});
      // A phone keeps retrying with the same key until it gets an answer.
      for (int attempt = 0; attempt < 400; ++attempt) {
        auto r = client.PostJson("/v1/feedback", Pothole().dump(), headers);
        if (r.status == 200) {
          acknowledged[i] = r.Json()["id"];
          break;
        }
        ++refused;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      done = i + 1;
    }
  });
  while (done < kReports / 3) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  feedback_.Kill();
  StartFeedback();
  stream.join();
  ASSERT_EQ(acknowledged.size(), static_cast<size_t>(kReports));
  EXPECT_GT(refused, 0) << "the kill went unnoticed: the test proved nothing";
  std::set<std::string> ids;
  for (const auto& [i, id] : acknowledged) {
    EXPECT_TRUE(ids.insert(id).second) << "two keys got " << id;
    EXPECT_EQ(http_.Get("/v1/feedback/" + id).status, 200) << id;
  }
  auto mine = http_.Get("/v1/me/feedback?pageSize=1", me);
  EXPECT_EQ(mine.Json()["totalSize"], kReports) << "a report was stored twice or lost";
}

}  // namespace
}  // namespace laso
