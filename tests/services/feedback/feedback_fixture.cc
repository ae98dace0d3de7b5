#include "tests/services/feedback/feedback_fixture.h"

#include <fstream>
#include <sstream>

#include <google/protobuf/util/json_util.h>

#include "common/testing/outbox_rows.h"
#include "common/time/rfc3339.h"
#include "common/geo/polygon_file.h"

namespace laso::feedback {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

absl::Time At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

FeedbackTest::FeedbackTest() {
  store_ = std::move(*SqlFeedbackStore::Open(database_.db(), &clock_));
  vault_ = std::make_unique<crypto::PiiVault>(*crypto::PiiVault::Open(dir_.path(), "feedback", &clock_));
  events_vault_ = std::make_unique<crypto::PiiVault>(*crypto::PiiVault::Open(dir_.path(), "events", &clock_));
  files_ = std::make_unique<AttachmentFiles>(dir_.File("attachments"));
  attachments_ = std::make_unique<Attachments>(*store_, *files_, &clock_);
  auto boundary = geo::LoadPolygonFile(std::string(LASO_SOURCE_DIR) + "/deploy/data/boundary/long-an.geojson");
  EXPECT_TRUE(boundary.ok()) << boundary.status();
  feedbacks_ = std::make_unique<Feedbacks>(FeedbackContext{*store_, catalog_, *attachments_, *vault_, *events_vault_,
                                                           testing::ShippedVietnamCalendar(),
                                                           FeedbackOptions{.boundary = std::move(*boundary)}, &clock_});
  v1::ImportCatalogRequest demo;
  auto parsed = google::protobuf::util::JsonStringToMessage(
      ReadFile(std::string(LASO_SOURCE_DIR) + "/deploy/demo/feedback_catalog.json"), &demo);
  EXPECT_TRUE(parsed.ok()) << parsed.ToString();
  auto imported = feedbacks_->catalog.ImportCatalog(Admin(), demo);
  EXPECT_TRUE(imported.ok()) << imported.status();
}

v1::CreateFeedbackRequest FeedbackTest::Pothole(double lat, double lng) {
  v1::CreateFeedbackRequest r;
  r.set_category_code("road-damage");
  r.set_description("Ổ gà lớn trước số 12 Hùng Vương, xe máy dễ té khi trời mưa.");
  r.mutable_location()->set_latitude(lat);
  r.mutable_location()->set_longitude(lng);
  r.set_address("12 Hùng Vương, Phường Tân An");
  r.set_ward_code("phuong-tan-an");
  v1::Answer* size = r.add_answers();
  size->set_question("size");
  size->add_values("medium");
  return r;
}

v1::CreateFeedbackResponse FeedbackTest::CreateOk(const v1::CreateFeedbackRequest& req, const rpc::Caller& caller,
                                                  const std::string& key) {
  auto r = feedbacks_->intake.Create(caller, req, key);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : v1::CreateFeedbackResponse();
}

std::string FeedbackTest::Answered() {
  std::string id = CreateOk(Pothole()).id();
  v1::FeedbackActionRequest accept;
  accept.set_id(id);
  EXPECT_TRUE(feedbacks_->handling.Accept(Officer("so-xd"), accept).ok());
  v1::RespondFeedbackRequest respond;
  respond.set_id(id);
  respond.set_public_(true);
  respond.set_message("Đã vá ổ gà ngày 17/3. Cảm ơn bạn đã phản ánh.");
  auto answered = feedbacks_->handling.Respond(Officer("so-xd"), respond);
  EXPECT_TRUE(answered.ok()) << answered.status();
  return id;
}

v1::Feedback FeedbackTest::GetAs(const std::string& id, const rpc::Caller& caller) {
  v1::GetFeedbackRequest req;
  req.set_id(id);
  auto f = feedbacks_->views.Get(caller, req);
  EXPECT_TRUE(f.ok()) << f.status();
  return f.ok() ? *f : v1::Feedback();
}

std::vector<nlohmann::json> FeedbackTest::Outbox() { return testing::OutboxRows(database_.db()); }

std::string FeedbackTest::DatabaseBytes() { return database_.DiskBytes(); }

LASO_ON_BOTH_ENGINES(FeedbackTest);

}  // namespace laso::feedback
