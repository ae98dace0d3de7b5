// Answer templates: data per category that admins edit, offered to the desk
// and the agencies filled in for the report at hand.
#include "services/feedback/answer_templates.h"

#include <gtest/gtest.h>

#include "common/status/status.h"
#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

v1::AnswerTemplate Template(const std::string& code, const std::string& category, const std::string& body) {
  v1::AnswerTemplate t;
  t.set_code(code);
  t.set_category_code(category);
  t.set_title("Mẫu thử");
  t.set_body(body);
  t.set_active(true);
  return t;
}

TEST_P(FeedbackTest, TheDemoTemplatesAreOfferedPerCategory) {
  v1::ListAnswerTemplatesRequest road;
  road.set_category("road-damage");
  auto listed = feedbacks_->templates.List(Officer("so-xd"), road);
  ASSERT_TRUE(listed.ok()) << listed.status();
  std::set<std::string> codes;
  for (const auto& t : listed->templates()) codes.insert(t.code());
  EXPECT_TRUE(codes.count("o-ga-da-va"));
  EXPECT_TRUE(codes.count("ngoai-tham-quyen"));  // for every category
  EXPECT_FALSE(codes.count("rac-da-thu-gom"));
  EXPECT_EQ(feedbacks_->templates.List(Resident(), road).status().code(), absl::StatusCode::kPermissionDenied);
}

TEST_P(FeedbackTest, DraftsFillInTheReport) {
  std::string id = CreateOk(Pothole()).id();
  v1::DraftFeedbackAnswersRequest req;
  req.set_id(id);
  auto drafts = feedbacks_->templates.Drafts(Officer("so-xd"), req);
  ASSERT_TRUE(drafts.ok()) << drafts.status();
  ASSERT_GE(drafts->templates_size(), 2);
  EXPECT_EQ(drafts->templates(0).code(), "o-ga-da-va");  // the category's own first
  const std::string& body = drafts->templates(0).body();
  EXPECT_NE(body.find(id), std::string::npos) << body;
  EXPECT_NE(body.find("12 Hùng Vương"), std::string::npos) << body;
  EXPECT_NE(body.find("Phường Tân An"), std::string::npos) << body;
  EXPECT_EQ(body.find('{'), std::string::npos) << body;
  // Another agency's officer may not draft on it.
  EXPECT_EQ(ReasonOf(feedbacks_->templates.Drafts(Officer("dien-luc"), req).status()), "NOT_YOUR_AGENCY");
}

TEST_P(FeedbackTest, AnAdminEditsATemplateAndTheDeskSeesIt) {
  v1::PutAnswerTemplateRequest put;
  *put.mutable_template_() = Template("ngap-da-thong-cong", "flooding",
                                      "{agency} đã nạo vét cống tại {address} ngày {due_date}. Mã: {id}.");
  auto saved = feedbacks_->templates.Put(Admin(), put);
  ASSERT_TRUE(saved.ok()) << saved.status();
  EXPECT_EQ(saved->updated_by(), "staff:admin");
  EXPECT_TRUE(saved->has_updated_at());
  v1::ListAnswerTemplatesRequest flooding;
  flooding.set_category("flooding");
  auto offered = [&] {
    auto listed = feedbacks_->templates.List(Operator(), flooding);
    EXPECT_TRUE(listed.ok()) << listed.status();
    bool found = false;
    for (const auto& t : listed->templates()) found |= t.code() == "ngap-da-thong-cong";
    return found;
  };
  EXPECT_TRUE(offered());
  // Retired: kept, no longer offered.
  put.mutable_template_()->set_active(false);
  ASSERT_TRUE(feedbacks_->templates.Put(Admin(), put).ok());
  EXPECT_FALSE(offered());
  // Only admins edit.
  EXPECT_EQ(feedbacks_->templates.Put(Operator(), put).status().code(), absl::StatusCode::kPermissionDenied);
}

TEST_P(FeedbackTest, ATemplateWithAnUnknownPlaceholderIsRefused) {
  v1::PutAnswerTemplateRequest put;
  *put.mutable_template_() = Template("sai", "", "Kính gửi {ten_nguoi_dan}, phản ánh {id} đã được xử lý.");
  auto refused = feedbacks_->templates.Put(Admin(), put);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("{ten_nguoi_dan}"), std::string::npos) << refused.status();
  *put.mutable_template_() = Template("sai", "no-such-category", "Phản ánh {id} đã được xử lý.");
  EXPECT_EQ(feedbacks_->templates.Put(Admin(), put).status().code(), absl::StatusCode::kInvalidArgument);
  *put.mutable_template_() = Template("sai", "", "Chưa đóng {id");
  EXPECT_EQ(feedbacks_->templates.Put(Admin(), put).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(FillAnswerTemplateTest, UsesTheAgencyPhoneOrTheHotline) {
  CatalogData catalog;
  catalog.agencies["dien-luc"].set_phone("02723826123");
  v1::Feedback report;
  report.set_id("1022-2026-000042");
  report.set_agency_code("dien-luc");
  report.set_agency_name("Điện lực Long An");
  EXPECT_EQ(FillAnswerTemplate("Gọi {agency} ({agency_phone}) về {id}.", report, catalog),
            "Gọi Điện lực Long An (02723826123) về 1022-2026-000042.");
  report.set_agency_code("khac");
  EXPECT_EQ(FillAnswerTemplate("{agency_phone}", report, catalog), "1022");
}

}  // namespace
}  // namespace laso::feedback
