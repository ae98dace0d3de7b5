// Staff reveal a reporter's contact (and the audit log hears of it), staff
// acts are audited, and a resident's export and erasure of their reports.
#include "tests/services/feedback/feedback_fixture.h"

#include "common/personal/request_desk.h"
#include "common/status/status.h"
#include "common/testing/outbox_rows.h"

namespace laso::feedback {
namespace {

using nlohmann::json;

// The audit events about reports (the fixture's catalogue import is one too).
std::vector<json> ReportAudits(sql::Database& db) {
  std::vector<json> out;
  for (json& a : testing::AuditRows(db)) {
    if (a.value("record", "").rfind("feedback/", 0) == 0) out.push_back(std::move(a));
  }
  return out;
}

personal::Person Lan() { return {"zalo:101", "84901234567"}; }

// The same resident calling the hotline: the operator files it with their phone.
void AsHotlineCall(v1::CreateFeedbackRequest* call) {
  call->mutable_reporter()->set_name("Nguyễn Thị Lan");
  call->mutable_reporter()->set_phone("0901234567");
}

TEST_P(FeedbackTest, StaffRevealTheReporterOnlyOnPurposeAndTheAuditLogHearsWhoWhyAndFromWhere) {
  auto r = CreateOk(Pothole());
  rpc::Caller officer = Officer("so-xd");
  officer.set_client_ip("10.2.3.4");
  v1::RevealReporterRequest req;
  req.set_id(r.id());
  req.set_reason("gọi lại hỏi rõ vị trí");
  auto contact = feedbacks_->views.RevealReporter(officer, req);
  ASSERT_TRUE(contact.ok()) << contact.status();
  EXPECT_EQ(contact->name(), "Nguyễn Thị Lan");
  EXPECT_EQ(contact->phone(), "84901234567");

  std::vector<json> audits = ReportAudits(database_.db());
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0]["action"], "read");
  EXPECT_EQ(audits[0]["actor"], officer.subject());
  EXPECT_EQ(audits[0]["agency"], "so-xd");
  EXPECT_EQ(audits[0]["ip"], "10.2.3.4");
  EXPECT_EQ(audits[0]["record"], "feedback/" + r.id());
  EXPECT_EQ(audits[0]["fields"], json({"reporter.name", "reporter.phone"}));
  EXPECT_EQ(audits[0]["person"], "zalo:101");
  EXPECT_EQ(audits[0]["reason"], "gọi lại hỏi rõ vị trí");

  // Another agency's officer, the resident and the public may not.
  for (const rpc::Caller& c : {Officer("cong-an"), Resident()}) {
    EXPECT_EQ(feedbacks_->views.RevealReporter(c, req).status().code(), absl::StatusCode::kPermissionDenied)
        << c.subject();
  }
  EXPECT_FALSE(feedbacks_->views.RevealReporter(Anonymous(), req).ok());
  req.set_reason(std::string(501, 'x'));
  EXPECT_EQ(FieldViolations(feedbacks_->views.RevealReporter(Operator(), req).status())[0].field, "reason");
  req.set_id("PA-0000-00000");
  req.clear_reason();
  EXPECT_EQ(feedbacks_->views.RevealReporter(Operator(), req).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReportAudits(database_.db()).size(), 1u);  // refusals record nothing
}

TEST_P(FeedbackTest, EveryStaffActIsAuditedAndResidentsActsAreNot) {
  std::string id = Answered();  // assigned by the rules, accepted and answered by so-xd
  std::vector<std::string> actions;
  for (const json& a : ReportAudits(database_.db())) actions.push_back(a["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"feedback.accept", "feedback.respond"})) << id;
  v1::RateFeedbackRequest rate;
  rate.set_id(id);
  rate.set_stars(5);
  ASSERT_TRUE(feedbacks_->follow_up.Rate(Resident(), rate).ok());
  EXPECT_EQ(ReportAudits(database_.db()).size(), 2u);
}

TEST_P(FeedbackTest, AnExportHoldsTheResidentsReportsAsTheySeeThemAndWhatTheySupported) {
  auto mine = CreateOk(Pothole());
  v1::CreateFeedbackRequest call = Pothole(10.5370, 106.4140);
  AsHotlineCall(&call);
  auto by_phone = CreateOk(call, Operator());  // a hotline call from the same phone
  auto other = CreateOk(Pothole(10.5380, 106.4150), Resident("202", "0912345678"));
  v1::FeedbackActionRequest support;
  support.set_id(other.id());
  ASSERT_TRUE(feedbacks_->follow_up.Support(Resident(), support).ok());

  auto exported = feedbacks_->personal_data.Export(Lan());
  ASSERT_TRUE(exported.ok()) << exported.status();
  std::set<std::string> ids;
  for (const json& r : (*exported)["reports"]) ids.insert(r["id"]);
  EXPECT_EQ(ids, (std::set<std::string>{mine.id(), by_phone.id()}));
  EXPECT_EQ((*exported)["reports"][0]["reporter"]["phone"], "84901234567");  // in full: it is theirs
  EXPECT_FALSE((*exported)["reports"][0]["updates"].empty());
  ASSERT_EQ((*exported)["supported"].size(), 1u);
  EXPECT_EQ((*exported)["supported"][0]["id"], other.id());
}

TEST_P(FeedbackTest, AnErasureUnlinksEveryReportFromTheResidentAndKeepsThePublicRecord) {
  auto mine = CreateOk(Pothole(), Resident(), "key-1");
  v1::CreateFeedbackRequest call = Pothole(10.5370, 106.4140);
  AsHotlineCall(&call);
  auto by_phone = CreateOk(call, Operator());
  auto other = CreateOk(Pothole(10.5380, 106.4150), Resident("202", "0912345678"));
  v1::FeedbackActionRequest support;
  support.set_id(other.id());
  ASSERT_TRUE(feedbacks_->follow_up.Support(Resident(), support).ok());

  // As the service answers the privacy service: the holder's erasure, the events scrubbed, the answer sent.
  personal::RequestDesk desk("feedback", database_.db(), feedbacks_->personal_data, *events_vault_, &clock_);
  outbox::Event request = personal::RequestEvent({"req-1", personal::Kind::kErase, Lan()}, *events_vault_, clock_);
  ASSERT_TRUE(desk.Handle({{"1-0", request.id, request.type, request.subject, "", "privacy", request.payload}}).ok());
  json answer = Outbox().back();
  ASSERT_EQ(answer["type"], "privacy.answered");
  auto parsed = personal::ParseAnswer(answer["payload"].dump(), *events_vault_);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->body["reportsUnlinked"], 2);
  for (const std::string& id : {mine.id(), by_phone.id()}) {
    v1::Feedback staff = GetAs(id, Operator());
    EXPECT_EQ(staff.reporter().name(), "") << id;
    EXPECT_EQ(staff.reporter().phone(), "") << id;
    EXPECT_FALSE(staff.description().empty());  // the problem and the place stay
    EXPECT_EQ(staff.updates().rbegin()->action(), "erase_reporter");
    EXPECT_FALSE(GetAs(id, Resident()).mine());
  }
  EXPECT_TRUE(GetAs(other.id(), Resident("202", "0912345678")).mine());  // someone else's stays theirs
  EXPECT_TRUE(store_->SupportedBy("zalo:101")->empty());
  EXPECT_EQ(feedbacks_->views.ListMine(Resident(), {})->items_size(), 0);
  // Nothing of them is left in the file, in clear or hashed (the events it keeps
  // no longer name them). PostgreSQL keeps dead rows until vacuum: not checked there.
  if (GetParam() == sql::Engine::kSqlite) {
    std::string bytes = DatabaseBytes();
    EXPECT_EQ(bytes.find("zalo:101"), std::string::npos);
    EXPECT_EQ(bytes.find(vault_->LookupHash("84901234567")), std::string::npos);
  }

  auto again = feedbacks_->personal_data.Erase(Lan());  // a repeat finds nothing to do
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)["reportsUnlinked"], 0);
}

}  // namespace
}  // namespace laso::feedback
