// Residents: report, follow, find nearby, support, rate, reopen.
#include <set>

#include "absl/strings/match.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "common/testing/at_once.h"
#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

TEST_P(FeedbackTest, ReportIsNumberedRoutedAndDueInWorkingDays) {
  auto r = CreateOk(Pothole());
  EXPECT_EQ(r.id(), "1022-2026-000001");
  EXPECT_EQ(CreateOk(Pothole()).id(), "1022-2026-000002");
  // road-damage: 5 working days from Monday 16 March 2026 -> Monday 23 March, 17:00.
  EXPECT_EQ(FormatRfc3339(ToTime(r.due_at())), "2026-03-23T17:00:00+07:00");
  EXPECT_EQ(r.status(), v1::ASSIGNED);  // routed by the category's rule at once
  v1::Feedback mine = GetAs(r.id(), Resident());
  EXPECT_EQ(mine.agency_code(), "so-xd");
  EXPECT_EQ(mine.ward_name(), "Phường Tân An");
  EXPECT_EQ(mine.status_label(), "Đã chuyển cơ quan xử lý");
  EXPECT_TRUE(mine.mine());
  EXPECT_EQ(mine.reporter().phone(), "84901234567");
  EXPECT_EQ(mine.updates_size(), 2);
  auto events = Outbox();
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[0]["type"], "feedback.received");
  EXPECT_EQ(events[1]["type"], "feedback.assigned");
  EXPECT_EQ(events[1]["payload"]["agency"], "so-xd");
  EXPECT_EQ(events[1]["payload"]["recipient"]["subject"], "zalo:101");
  EXPECT_FALSE(absl::StrContains(events[1]["payload"].dump(), "901234567"));  // phone only sealed
}

TEST_P(FeedbackTest, AReportTakenByPhoneIsToldToTheCallerNotToTheOperator) {
  v1::CreateFeedbackRequest call = Pothole();
  call.mutable_reporter()->set_name("Trần Văn Bình");
  call.mutable_reporter()->set_phone("0912345678");
  CreateOk(call, Operator());
  auto events = Outbox();
  ASSERT_GE(events.size(), 2u);
  const nlohmann::json& recipient = events[1]["payload"]["recipient"];
  EXPECT_FALSE(recipient.contains("subject")) << recipient.dump();  // not the operator's inbox
  EXPECT_FALSE(recipient.value("phoneSealed", "").empty());        // the caller, by phone
}

TEST_P(FeedbackTest, WardRuleBeatsTheCategoryDefault) {
  v1::CreateFeedbackRequest light = Pothole();
  light.set_category_code("street-light");
  light.clear_answers();
  light.clear_ward_code();  // found from the location: Tân An's centre is nearest
  auto r = CreateOk(light);
  EXPECT_EQ(GetAs(r.id(), Operator()).agency_code(), "ubnd-phuong-tan-an");
  v1::CreateFeedbackRequest other = Pothole();
  other.set_category_code("other");
  other.clear_answers();
  auto unrouted = CreateOk(other);
  EXPECT_EQ(unrouted.status(), v1::RECEIVED);  // waits for an operator
}

TEST_P(FeedbackTest, ResidentNeedsAVerifiedPhone) {
  auto r = feedbacks_->intake.Create(Resident("102", ""), Pothole(), "");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(r.status()), "PHONE_NOT_VERIFIED");
  EXPECT_TRUE(absl::StrContains(r.status().message(), "xác minh số điện thoại"));
}

TEST_P(FeedbackTest, BadReportsSayWhatIsWrong) {
  auto fails = [&](v1::CreateFeedbackRequest req, const std::string& field) {
    auto r = feedbacks_->intake.Create(Resident(), req, "");
    ASSERT_FALSE(r.ok()) << field;
    ASSERT_FALSE(FieldViolations(r.status()).empty()) << r.status();
    EXPECT_EQ(FieldViolations(r.status())[0].field, field) << r.status();
  };
  v1::CreateFeedbackRequest r = Pothole();
  r.set_description("ngắn");
  fails(r, "description");
  r.set_description(std::string(4001, 'a'));
  fails(r, "description");
  r = Pothole();
  r.set_description("Ổ gà \xff\xfe trước nhà số 12");
  fails(r, "description");
  r = Pothole(10.7769, 106.7009);  // Ho Chi Minh City
  fails(r, "location");
  r = Pothole();
  r.clear_location();  // a point, a ward or an address: with none of them there is no place at all
  r.clear_ward_code();
  r.clear_address();
  fails(r, "location");
  r = Pothole();
  r.mutable_location()->set_latitude(123);
  fails(r, "location");
  r = Pothole();
  r.set_category_code("ufo-sighting");
  fails(r, "categoryCode");
  r = Pothole();
  r.clear_answers();  // "size" is required
  fails(r, "answers.size");
  r = Pothole();
  r.set_ward_code("phuong-khong-co");
  fails(r, "wardCode");
  r = Pothole();
  for (int i = 0; i < 6; ++i) r.add_attachment_ids("att_x" + std::to_string(i));
  fails(r, "attachmentIds");
  r = Pothole();
  r.mutable_reporter()->set_phone("0909999999");  // residents cannot speak for others
  fails(r, "reporter");
  r = Pothole();
  auto outside = feedbacks_->intake.Create(Resident(), Pothole(10.7769, 106.7009), "");
  EXPECT_EQ(ReasonOf(outside.status()), "OUTSIDE_PROVINCE");
}

TEST_P(FeedbackTest, SameIdempotencyKeyGivesTheSameAnswerAndOneRecord) {
  auto first = CreateOk(Pothole(), Resident(), "key-1");
  auto again = CreateOk(Pothole(), Resident(), "key-1");
  EXPECT_EQ(first.SerializeAsString(), again.SerializeAsString());
  v1::ListMyFeedbackRequest list;
  auto mine = feedbacks_->views.ListMine(Resident(), list);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->items_size(), 1);
  EXPECT_EQ(Outbox().size(), 2u);  // received + assigned, once
  // Same key, another body: refused, nothing created.
  v1::CreateFeedbackRequest changed = Pothole();
  changed.set_description("Một nội dung khác hẳn với lần gửi trước đó.");
  auto reused = feedbacks_->intake.Create(Resident(), changed, "key-1");
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(reused.status()), "IDEMPOTENCY_KEY_REUSED");
  // Keys are per caller: another resident's "key-1" is theirs.
  EXPECT_NE(CreateOk(Pothole(), Resident("202", "0912345678"), "key-1").id(), first.id());
}

// A phone on a bad network sends the same report twice at once: on PostgreSQL the two
// run on two connections side by side. One report, and both answers are it.
TEST_P(FeedbackTest, TwoCreatesWithOneKeyAtOnceGiveOneReport) {
  constexpr int kTries = 6;
  std::vector<absl::StatusOr<v1::CreateFeedbackResponse>> answers(kTries);
  v1::CreateFeedbackRequest request = Pothole();
  testing::RunAtOnce(kTries, [&](int i) { answers[i] = feedbacks_->intake.Create(Resident(), request, "retried-key"); });
  for (const auto& a : answers) {
    ASSERT_TRUE(a.ok()) << a.status();
    EXPECT_EQ(a->id(), answers[0]->id());
  }
  v1::ListMyFeedbackRequest list;
  EXPECT_EQ(feedbacks_->views.ListMine(Resident(), list)->items_size(), 1);
  EXPECT_EQ(Outbox().size(), 2u);  // received + assigned, once
}

TEST_P(FeedbackTest, PublicSeesNoPhoneAMaskedNameAndNoNameWhenAnonymous) {
  v1::CreateFeedbackRequest named = Pothole();
  auto a = CreateOk(named);
  v1::Feedback pub = GetAs(a.id(), Anonymous());
  EXPECT_EQ(pub.reporter().name(), "Ng*** T** L");  // by default the public sees it masked
  EXPECT_EQ(pub.reporter().phone(), "");
  EXPECT_FALSE(pub.mine());
  // Staff see it masked too, until they reveal it (recorded in the audit log).
  EXPECT_EQ(GetAs(a.id(), Operator()).reporter().name(), "Ng*** T** L");
  EXPECT_TRUE(GetAs(a.id(), Operator()).reporter().contact_hidden());
  EXPECT_EQ(GetAs(a.id(), Officer("so-xd")).reporter().name(), "Ng*** T** L");
  // In full only when the reporter chose it for this report.
  v1::CreateFeedbackRequest published = Pothole();
  published.set_publish_name(true);
  EXPECT_EQ(GetAs(CreateOk(published).id(), Anonymous()).reporter().name(), "Nguyễn Thị Lan");
  auto listed = feedbacks_->views.ListPublic(v1::ListPublicFeedbackRequest());
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items_size(), 2);
  for (const auto& r : listed->items()) {
    EXPECT_NE(r.reporter().name(), r.publish_name() ? "" : "Nguyễn Thị Lan") << r.id();
  }
  v1::CreateFeedbackRequest hidden = Pothole();
  hidden.set_anonymous(true);
  auto b = CreateOk(hidden);
  for (const rpc::Caller& c : {Anonymous(), Resident("999", "0977777777"), Officer("cong-an")}) {
    v1::Feedback v = GetAs(b.id(), c);
    EXPECT_EQ(v.reporter().name(), "");
    EXPECT_EQ(v.reporter().phone(), "");
  }
  EXPECT_EQ(GetAs(b.id(), Operator()).reporter().phone(), "84******567");  // staff reveal it to call back
  EXPECT_EQ(GetAs(b.id(), Resident()).reporter().name(), "Nguyễn Thị Lan");
  // Never in the database in clear.
  std::string db = DatabaseBytes();
  EXPECT_FALSE(absl::StrContains(db, "901234567"));
  EXPECT_FALSE(absl::StrContains(db, "Nguyễn Thị Lan"));
}

TEST_P(FeedbackTest, UnknownIdsAreNotFound) {
  v1::GetFeedbackRequest req;
  for (std::string id : {std::string("1022-2026-999999"), std::string(), std::string("'; DROP TABLE feedback; --"), std::string(300, 'x')}) {
    req.set_id(id);
    EXPECT_EQ(feedbacks_->views.Get(Anonymous(), req).status().code(), absl::StatusCode::kNotFound) << id;
  }
}

TEST_P(FeedbackTest, NearbyFindsOpenReportsOfTheCategoryWithin250m) {
  // 100 m, 200 m and 400 m north of the point, and one of another category.
  auto near1 = CreateOk(Pothole(10.5366 + 0.0009, 106.4137)).id();
  auto near2 = CreateOk(Pothole(10.5366 + 0.0018, 106.4137)).id();
  CreateOk(Pothole(10.5366 + 0.0036, 106.4137));
  v1::CreateFeedbackRequest flood = Pothole();
  flood.set_category_code("flooding");
  flood.clear_answers();
  CreateOk(flood);
  v1::NearbyFeedbackRequest q;
  q.set_lat(10.5366);
  q.set_lng(106.4137);
  q.set_category("road-damage");
  auto found = feedbacks_->views.Nearby(Anonymous(), q);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->items_size(), 2);
  EXPECT_EQ(found->items(0).id(), near1);  // nearest first
  EXPECT_EQ(found->items(1).id(), near2);
  EXPECT_EQ(found->items(0).reporter().phone(), "");
  for (int i = 0; i < 6; ++i) CreateOk(Pothole(10.5366, 106.4137 + 0.0001 * i));
  found = feedbacks_->views.Nearby(Anonymous(), q);
  EXPECT_EQ(found->items_size(), 5);  // at most five
  q.set_lat(200);
  EXPECT_EQ(feedbacks_->views.Nearby(Anonymous(), q).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(FeedbackTest, SupportCountsOncePerResident) {
  std::string id = CreateOk(Pothole()).id();
  v1::FeedbackActionRequest req;
  req.set_id(id);
  EXPECT_EQ(feedbacks_->follow_up.Support(Resident("301", "0911111111"), req)->support_count(), 1);
  EXPECT_EQ(feedbacks_->follow_up.Support(Resident("301", "0911111111"), req)->support_count(), 1);
  EXPECT_EQ(feedbacks_->follow_up.Support(Resident("302", "0922222222"), req)->support_count(), 2);
  EXPECT_TRUE(GetAs(id, Resident("301", "0911111111")).supported_by_me());
  EXPECT_FALSE(GetAs(id, Resident("303", "0933333333")).supported_by_me());
  EXPECT_EQ(feedbacks_->follow_up.Support(Operator(), req).status().code(), absl::StatusCode::kPermissionDenied);
}

TEST_P(FeedbackTest, RatingComesAfterTheAnswerAndOnlyFromTheReporter) {
  std::string open_id = CreateOk(Pothole()).id();
  v1::RateFeedbackRequest rate;
  rate.set_id(open_id);
  rate.set_stars(5);
  EXPECT_EQ(feedbacks_->follow_up.Rate(Resident(), rate).status().code(), absl::StatusCode::kFailedPrecondition);
  std::string id = Answered();
  rate.set_id(id);
  rate.set_comment("Xử lý nhanh, cảm ơn phường.");
  EXPECT_EQ(feedbacks_->follow_up.Rate(Resident("999", "0977777777"), rate).status().code(),
            absl::StatusCode::kPermissionDenied);
  rate.set_stars(6);
  EXPECT_EQ(feedbacks_->follow_up.Rate(Resident(), rate).status().code(), absl::StatusCode::kInvalidArgument);
  rate.set_stars(4);
  auto rated = feedbacks_->follow_up.Rate(Resident(), rate);
  ASSERT_TRUE(rated.ok()) << rated.status();
  EXPECT_EQ(rated->rating().stars(), 4);
}

TEST_P(FeedbackTest, ARatingOrAReopeningSentAgainWithItsKeyIsDoneOnce) {
  std::string id = Answered();
  v1::RateFeedbackRequest rate;
  rate.set_id(id);
  rate.set_stars(4);
  ASSERT_TRUE(feedbacks_->follow_up.Rate(Resident(), rate, "rate-1").ok());
  auto again = feedbacks_->follow_up.Rate(Resident(), rate, "rate-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->rating().stars(), 4);
  v1::FeedbackActionRequest reopen;
  reopen.set_id(id);
  reopen.set_reason("Ổ gà vẫn còn, chưa được vá.");
  ASSERT_TRUE(feedbacks_->follow_up.Reopen(Resident(), reopen, "reopen-1").ok());
  auto reopened = feedbacks_->follow_up.Reopen(Resident(), reopen, "reopen-1");
  ASSERT_TRUE(reopened.ok()) << reopened.status();  // not "cannot reopen an open report"
  EXPECT_EQ(reopened->reopen_count(), 1);
  int rates = 0, reopens = 0;
  v1::Feedback now = GetAs(id, Resident());
  for (const auto& u : now.updates()) {
    rates += u.action() == "rate";
    reopens += u.action() == "reopen";
  }
  EXPECT_EQ(rates, 1);
  EXPECT_EQ(reopens, 1);
}

TEST_P(FeedbackTest, ReopenWithinSevenDaysThenItClosesByItself) {
  std::string id = Answered();
  EXPECT_EQ(Outbox().back()["type"], "feedback.answered");
  v1::Feedback answered = GetAs(id, Resident());
  EXPECT_EQ(answered.status(), v1::ANSWERED);
  EXPECT_EQ(FormatRfc3339(ToTime(answered.reopen_until())), "2026-03-23T09:00:00+07:00");

  v1::FeedbackActionRequest reopen;
  reopen.set_id(id);
  reopen.set_reason("Ổ gà vẫn còn, chỉ mới đổ đá tạm.");
  clock_.Advance(absl::Hours(24 * 3));
  auto reopened = feedbacks_->follow_up.Reopen(Resident(), reopen);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(reopened->status(), v1::REOPENED);
  EXPECT_EQ(reopened->reopen_count(), 1);
  EXPECT_EQ(reopened->agency_code(), "so-xd");  // back to the same agency

  // Answered again, then left alone: closed after 7 days, not before.
  v1::FeedbackActionRequest accept;
  accept.set_id(id);
  ASSERT_TRUE(feedbacks_->handling.Accept(Officer("so-xd"), accept).ok());
  v1::RespondFeedbackRequest respond;
  respond.set_id(id);
  respond.set_public_(true);
  respond.set_message("Đã thảm nhựa lại toàn bộ đoạn đường.");
  ASSERT_TRUE(feedbacks_->handling.Respond(Officer("so-xd"), respond).ok());
  clock_.Advance(absl::Hours(24 * 7) - absl::Minutes(1));
  EXPECT_EQ(*feedbacks_->handling.CloseExpired(), 0);
  clock_.Advance(absl::Minutes(2));
  EXPECT_EQ(*feedbacks_->handling.CloseExpired(), 1);
  v1::Feedback closed = GetAs(id, Resident());
  EXPECT_EQ(closed.status(), v1::CLOSED);
  EXPECT_EQ(Outbox().back()["type"], "feedback.closed");
  EXPECT_EQ(feedbacks_->follow_up.Reopen(Resident(), reopen).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_P(FeedbackTest, ReopenAfterTheWindowIsRefused) {
  std::string id = Answered();
  clock_.Advance(absl::Hours(24 * 8));
  v1::FeedbackActionRequest reopen;
  reopen.set_id(id);
  reopen.set_reason("Vẫn chưa sửa xong đâu ạ.");
  auto r = feedbacks_->follow_up.Reopen(Resident(), reopen);
  EXPECT_EQ(ReasonOf(r.status()), "REOPEN_WINDOW_PASSED");
  reopen.set_reason("");
  EXPECT_EQ(feedbacks_->follow_up.Reopen(Resident(), reopen).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(FeedbackTest, MyListPagesNewestFirst) {
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.insert(CreateOk(Pothole()).id());
  CreateOk(Pothole(), Resident("555", "0955555555"));
  v1::ListMyFeedbackRequest req;
  req.set_page_size(2);
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    auto r = feedbacks_->views.ListMine(Resident(), req);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->total_size(), 5);
    for (const auto& f : r->items()) seen.push_back(f.id());
    if (r->next_page_token().empty()) break;
    req.set_page_token(r->next_page_token());
  }
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen.front(), "1022-2026-000005");
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), ids);
  req.set_page_token("not-a-token");
  EXPECT_EQ(feedbacks_->views.ListMine(Resident(), req).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace laso::feedback
