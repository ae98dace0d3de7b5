// The work list and the statistics as CSV: UTF-8 with a BOM, the list's
// filters and agency scope, no reporter contact, formulas defused.
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "common/status/status.h"
#include "common/text/csv.h"
#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

std::vector<std::string> Lines(const std::string& csv) {
  std::vector<std::string> lines = absl::StrSplit(csv, "\r\n", absl::SkipEmpty());
  return lines;
}

TEST_P(FeedbackTest, TheWorkListExportsWithTheRightColumnsAndVietnameseText) {
  std::string id = CreateOk(Pothole()).id();
  v1::CreateFeedbackRequest sneaky = Pothole(10.5370, 106.4140);
  sneaky.set_description("=HYPERLINK(\"http://x.example\",\"Bấm vào đây\") ổ gà");
  CreateOk(sneaky, Resident("202", "0912345678"));

  auto csv = feedbacks_->exports.WorkList(Operator(), v1::ListFeedbackRequest());
  ASSERT_TRUE(csv.ok()) << csv.status();
  EXPECT_EQ(csv->content_type(), "text/csv; charset=utf-8; header=present");
  const std::string& data = csv->data();
  ASSERT_EQ(data.substr(0, 3), std::string(text::kUtf8Bom));
  std::vector<std::string> lines = Lines(data.substr(3));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].substr(0, 60), std::string("Mã phản ánh,Thời điểm tiếp nhận,Kênh,Lĩnh vực,Mức ưu tiên").substr(0, 60));
  std::vector<std::string> header = absl::StrSplit(lines[0], ',');
  EXPECT_EQ(header.size(), 20u);
  EXPECT_EQ(header.back(), "Trả lời");
  // Newest first; the resident's words are there, with the spreadsheet formula defused.
  EXPECT_NE(lines[1].find("'=HYPERLINK"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find(id), std::string::npos);
  EXPECT_NE(lines[2].find("Hư hỏng đường, ổ gà, sụt lún"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find("Ứng dụng Long An Số"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find("2026-03-16 09:00"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find("10.536600,106.413700"), std::string::npos) << lines[2];
  // No reporter's name or phone in the file.
  EXPECT_EQ(data.find("Nguyễn Thị Lan"), std::string::npos);
  EXPECT_EQ(data.find("0901234567"), std::string::npos);
  EXPECT_EQ(data.find("901234567"), std::string::npos);
}

TEST_P(FeedbackTest, TheExportKeepsTheListsFiltersAndScope) {
  CreateOk(Pothole());  // so-xd
  v1::CreateFeedbackRequest rubbish = Pothole(10.5370, 106.4140);
  rubbish.set_category_code("pollution");
  rubbish.clear_answers();
  CreateOk(rubbish);  // cty-moi-truong
  auto officer = feedbacks_->exports.WorkList(Officer("so-xd"), v1::ListFeedbackRequest());
  ASSERT_TRUE(officer.ok()) << officer.status();
  EXPECT_EQ(Lines(officer->data()).size(), 2u);  // header and their agency's one
  v1::ListFeedbackRequest other_agency;
  other_agency.set_agency("so-nnmt");
  EXPECT_EQ(ReasonOf(feedbacks_->exports.WorkList(Officer("so-xd"), other_agency).status()), "NOT_YOUR_AGENCY");
  v1::ListFeedbackRequest by_category;
  by_category.set_category("pollution");
  EXPECT_EQ(Lines(feedbacks_->exports.WorkList(Operator(), by_category)->data()).size(), 2u);
  // Days: the 16th only, then the 17th (nothing).
  v1::ListFeedbackRequest days;
  days.set_from("2026-03-16");
  days.set_to("2026-03-16");
  EXPECT_EQ(Lines(feedbacks_->exports.WorkList(Operator(), days)->data()).size(), 3u);
  days.set_from("2026-03-17");
  days.set_to("2026-03-17");
  EXPECT_EQ(Lines(feedbacks_->exports.WorkList(Operator(), days)->data()).size(), 1u);
  days.set_from("16/03/2026");
  EXPECT_EQ(feedbacks_->exports.WorkList(Operator(), days).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(feedbacks_->exports.WorkList(Resident(), v1::ListFeedbackRequest()).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_P(FeedbackTest, AnExportComesAPageAtATimeWithEveryReportOnce) {
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.insert(CreateOk(Pothole(10.5366 + i * 0.001, 106.4137)).id());
  FeedbackExport small_pages(feedbacks_->ctx, feedbacks_->statistics, {.page_rows = 2});
  auto pieces = small_pages.OpenWorkList(Operator(), v1::ListFeedbackRequest());
  ASSERT_TRUE(pieces.ok()) << pieces.status();
  std::vector<std::string> got;
  while (true) {
    auto piece = (*pieces)->Next();
    ASSERT_TRUE(piece.ok()) << piece.status();
    if (!*piece) break;
    got.push_back(**piece);
  }
  ASSERT_EQ(got.size(), 3u);  // 2 + 2 + 1 rows
  EXPECT_EQ(got[0].substr(0, 3), std::string(text::kUtf8Bom));  // the header comes with the first piece only
  EXPECT_EQ(got[1].find("Mã phản ánh"), std::string::npos);
  std::string whole = got[0] + got[1] + got[2];
  std::vector<std::string> lines = Lines(whole);
  ASSERT_EQ(lines.size(), 6u);
  for (size_t i = 1; i < lines.size(); ++i) ids.erase(lines[i].substr(0, lines[i].find(',')));
  EXPECT_TRUE(ids.empty());  // each report once, none lost between pages
  EXPECT_EQ(small_pages.WorkList(Operator(), v1::ListFeedbackRequest())->data(), whole);
}

TEST_P(FeedbackTest, AnEmptyExportIsTheHeaderAlone) {
  auto csv = feedbacks_->exports.WorkList(Operator(), v1::ListFeedbackRequest());
  ASSERT_TRUE(csv.ok()) << csv.status();
  EXPECT_EQ(Lines(csv->data()).size(), 1u);
}

TEST_P(FeedbackTest, TheStatisticsExportOneRowPerGroupAndATotal) {
  Answered();
  CreateOk(Pothole(10.5370, 106.4140));
  v1::GetFeedbackStatsRequest by_agency;
  auto csv = feedbacks_->exports.Stats(by_agency);
  ASSERT_TRUE(csv.ok()) << csv.status();
  ASSERT_EQ(csv->data().substr(0, 3), std::string(text::kUtf8Bom));
  std::vector<std::string> lines = Lines(csv->data().substr(3));
  ASSERT_EQ(lines.size(), 3u);  // header, so-xd, total
  EXPECT_EQ(lines[0].substr(0, std::string("Hạng,Mã,Tên").size()), "Hạng,Mã,Tên");
  EXPECT_EQ(lines[1].substr(0, 7), "1,so-xd");
  EXPECT_NE(lines[1].find("Sở Xây dựng"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find(",2,1,1,100.0,"), std::string::npos) << lines[1];  // received 2, answered 1 on time
  EXPECT_EQ(lines[2].substr(0, 8), ",,Tổng");
}

}  // namespace
}  // namespace laso::feedback
