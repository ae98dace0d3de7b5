// The 1022 desk's tools: reports without a map pin, intake channels,
// priorities, and individual assignment with each officer's own list.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/status/page_token.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

rpc::Caller Supervisor(const std::string& agency) {
  return testing::TestIdentity::Staff(rpc::Role::SUPERVISOR, "truong-phong-" + agency, agency);
}

rpc::Caller OfficerNamed(const std::string& username, const std::string& agency) {
  return testing::TestIdentity::Staff(rpc::Role::OFFICER, username, agency);
}

// A call to 1022 about a dossier kept waiting: no place on the map, only the ward.
v1::CreateFeedbackRequest SlowDossierCall() {
  v1::CreateFeedbackRequest r;
  r.set_category_code("admin-service");
  r.set_description("Hồ sơ cấp đổi giấy phép xây dựng nộp từ tháng trước, đến nay quá hạn chưa có kết quả.");
  r.set_ward_code("phuong-tan-an");
  r.set_dossier_code("H15.50-261020-0042");
  r.mutable_reporter()->set_name("Lê Thị Cúc");
  r.mutable_reporter()->set_phone("0912 345 678");
  return r;
}

TEST_P(FeedbackTest, AHotlineReportWithoutAPointGoesThroughToItsAnswer) {
  v1::CreateFeedbackRequest call = SlowDossierCall();
  call.set_priority(v1::HIGH);
  auto created = feedbacks_->intake.Create(Operator(), call, "");
  ASSERT_TRUE(created.ok()) << created.status();
  v1::Feedback desk = GetAs(created->id(), Operator());
  EXPECT_FALSE(desk.has_location());
  EXPECT_EQ(desk.ward_code(), "phuong-tan-an");
  EXPECT_EQ(desk.channel(), v1::HOTLINE);  // an operator's report came by phone unless they say otherwise
  EXPECT_EQ(desk.priority(), v1::HIGH);
  EXPECT_EQ(desk.dossier_code(), "H15.50-261020-0042");
  EXPECT_EQ(desk.agency_code(), "vp-ubnd");  // routed by the category's rules as any report

  // The supervisor of the agency hands it to one officer; it shows in that officer's own list.
  v1::AssignFeedbackRequest assign;
  assign.set_id(created->id());
  assign.set_assignee("canbo-lan");
  assign.set_assignee_name("Nguyễn Thị Lan");
  auto assigned = feedbacks_->handling.Assign(Supervisor("vp-ubnd"), assign);
  ASSERT_TRUE(assigned.ok()) << assigned.status();
  EXPECT_EQ(assigned->assignee(), "canbo-lan");
  v1::ListFeedbackRequest mine;
  mine.set_assignee("me");
  auto lan = feedbacks_->views.List(OfficerNamed("canbo-lan", "vp-ubnd"), mine);
  ASSERT_TRUE(lan.ok()) << lan.status();
  ASSERT_EQ(lan->items_size(), 1);
  EXPECT_EQ(lan->items(0).id(), created->id());
  EXPECT_EQ(feedbacks_->views.List(OfficerNamed("canbo-minh", "vp-ubnd"), mine)->items_size(), 0);

  v1::FeedbackActionRequest accept;
  accept.set_id(created->id());
  ASSERT_TRUE(feedbacks_->handling.Accept(OfficerNamed("canbo-lan", "vp-ubnd"), accept).ok());
  v1::RespondFeedbackRequest answer;
  answer.set_id(created->id());
  answer.set_public_(true);
  answer.set_message("Hồ sơ đã được giải quyết ngày 25/11, mời bà đến nhận kết quả tại Bộ phận Một cửa.");
  auto answered = feedbacks_->handling.Respond(OfficerNamed("canbo-lan", "vp-ubnd"), answer);
  ASSERT_TRUE(answered.ok()) << answered.status();
  EXPECT_EQ(answered->status(), v1::ANSWERED);

  // The public sees the problem and the answer, no point, no officer, no assignee.
  v1::Feedback pub = GetAs(created->id(), Anonymous());
  EXPECT_FALSE(pub.has_location());
  EXPECT_EQ(pub.assignee(), "");
  EXPECT_EQ(pub.assignee_name(), "");
  EXPECT_EQ(pub.dossier_code(), "");  // the dossier is the applicant's business
}

// The desk's tabs count every status under the other filters, and "most urgent first" pages through
// priority, then deadline, without repeating or skipping a report.
TEST_P(FeedbackTest, TheDeskCountsPerStatusAndListsTheMostUrgentFirst) {
  std::vector<std::pair<std::string, v1::Priority>> filed;
  const v1::Priority priorities[] = {v1::NORMAL, v1::URGENT, v1::LOW, v1::HIGH, v1::URGENT, v1::NORMAL, v1::HIGH};
  for (int i = 0; i < 7; ++i) {
    v1::CreateFeedbackRequest call = SlowDossierCall();
    call.set_priority(priorities[i]);
    auto created = feedbacks_->intake.Create(Operator(), call, "");
    ASSERT_TRUE(created.ok()) << created.status();
    filed.emplace_back(created->id(), priorities[i]);
  }
  v1::RejectFeedbackRequest reject;
  reject.set_id(filed[2].first);
  reject.set_reason(v1::SPAM);
  reject.set_message("Gọi quấy rối.");
  ASSERT_TRUE(feedbacks_->handling.Reject(Operator(), reject).ok());

  v1::ListFeedbackRequest tabs;
  tabs.add_status(v1::REJECTED);
  tabs.set_with_status_counts(true);
  auto counted = feedbacks_->views.List(Operator(), tabs);
  ASSERT_TRUE(counted.ok()) << counted.status();
  EXPECT_EQ(counted->items_size(), 1);
  std::map<v1::Status, int> counts;
  for (const auto& c : counted->status_counts()) counts[c.status()] = c.count();
  EXPECT_EQ(counts[v1::REJECTED], 1);
  EXPECT_EQ(counts[v1::ASSIGNED], 6);  // routed by the category's rule, counted though the list shows rejections
  EXPECT_EQ(counted->status_counts(0).label().empty(), false);
  EXPECT_EQ(counted->total_size(), 1);  // the list's own total: the rejected one
  tabs.clear_status();
  auto all = feedbacks_->views.List(Operator(), tabs);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->total_size(), 7);  // without a status filter the tabs' sum is the total

  v1::ListFeedbackRequest urgent;
  urgent.set_order(v1::URGENCY);
  urgent.set_page_size(2);
  std::vector<std::string> order;
  std::vector<v1::Priority> seen;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = feedbacks_->views.List(Operator(), urgent);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& f : page->items()) {
      order.push_back(f.id());
      seen.push_back(f.priority());
    }
    if (page->next_page_token().empty()) break;
    urgent.set_page_token(page->next_page_token());
  }
  ASSERT_EQ(order.size(), 7u);
  EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend())) << "priorities must not rise down the list";
  EXPECT_EQ(order[0], filed[1].first);  // URGENT first; of two due at once, the older
  EXPECT_EQ(order[1], filed[4].first);
  EXPECT_EQ(std::set<std::string>(order.begin(), order.end()).size(), 7u);
  urgent.set_page_token(EncodePageToken(5));  // a newest-first token is not an urgency token
  EXPECT_EQ(feedbacks_->views.List(Operator(), urgent).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(FeedbackTest, AReportNeedsAPointOrAWardOrAnAddress) {
  v1::CreateFeedbackRequest call = SlowDossierCall();
  call.clear_ward_code();
  EXPECT_EQ(feedbacks_->intake.Create(Operator(), call, "").status().code(), absl::StatusCode::kInvalidArgument);
  call.set_address("Bộ phận Một cửa UBND phường Tân An");
  EXPECT_TRUE(feedbacks_->intake.Create(Operator(), call, "").ok());
  call.set_dossier_code("H15.50<script>");
  EXPECT_EQ(FieldViolations(feedbacks_->intake.Create(Operator(), call, "").status())[0].field, "dossierCode");
}

TEST_P(FeedbackTest, TheChannelComesFromTheGatewayOrTheOperator) {
  rpc::Caller mini_app = Resident();
  mini_app.set_client("zalo-mini-app");
  std::string from_zalo = CreateOk(Pothole(), mini_app).id();
  std::string from_app = CreateOk(Pothole(10.5370, 106.4140), Resident("102", "0901111222")).id();
  v1::CreateFeedbackRequest email = Pothole(10.5380, 106.4150);
  email.mutable_reporter()->set_phone("0987654321");
  email.set_channel(v1::EMAIL);
  std::string by_email = feedbacks_->intake.Create(Operator(), email, "")->id();
  EXPECT_EQ(GetAs(from_zalo, Operator()).channel(), v1::ZALO_MINI_APP);
  EXPECT_EQ(GetAs(from_app, Operator()).channel(), v1::APP);
  EXPECT_EQ(GetAs(by_email, Operator()).channel(), v1::EMAIL);
  // A resident cannot claim a channel, or a priority.
  v1::CreateFeedbackRequest claim = Pothole();
  claim.set_channel(v1::HOTLINE);
  EXPECT_EQ(feedbacks_->intake.Create(Resident(), claim, "").status().code(), absl::StatusCode::kInvalidArgument);
  claim.set_channel(v1::CHANNEL_UNSPECIFIED);
  claim.set_priority(v1::URGENT);
  EXPECT_EQ(feedbacks_->intake.Create(Resident(), claim, "").status().code(), absl::StatusCode::kInvalidArgument);

  v1::ListFeedbackRequest by_channel;
  by_channel.set_channel(v1::ZALO_MINI_APP);
  auto listed = feedbacks_->views.List(Operator(), by_channel);
  ASSERT_EQ(listed->items_size(), 1);
  EXPECT_EQ(listed->items(0).id(), from_zalo);
  v1::GetFeedbackStatsRequest stats;
  stats.set_group_by(v1::CHANNEL);
  auto grouped = feedbacks_->statistics.Stats(stats);
  ASSERT_TRUE(grouped.ok()) << grouped.status();
  std::map<std::string, int> received;
  for (const auto& row : grouped->rows()) received[row.name()] = row.received();
  EXPECT_EQ(received["Zalo Mini App"], 1);
  EXPECT_EQ(received["Thư điện tử"], 1);
  EXPECT_EQ(received["Ứng dụng Long An Số"], 1);
}

TEST_P(FeedbackTest, ASupervisorAssignsOnlyWithinTheirAgency) {
  std::string id = CreateOk(SlowDossierCall(), Operator()).id();  // routed to vp-ubnd
  v1::AssignFeedbackRequest assign;
  assign.set_id(id);
  assign.set_assignee("canbo-x");
  EXPECT_EQ(feedbacks_->handling.Assign(Supervisor("so-xd"), assign).status().code(), absl::StatusCode::kPermissionDenied);
  assign.set_agency_code("so-xd");  // moving it to another agency is the operator's call
  EXPECT_EQ(feedbacks_->handling.Assign(Supervisor("vp-ubnd"), assign).status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(feedbacks_->handling.Assign(Officer("vp-ubnd"), assign).status().code(), absl::StatusCode::kPermissionDenied);
  // Reassigning is recorded as such.
  assign.clear_agency_code();
  ASSERT_TRUE(feedbacks_->handling.Assign(Supervisor("vp-ubnd"), assign).ok());
  assign.set_assignee("canbo-y");
  auto again = feedbacks_->handling.Assign(Supervisor("vp-ubnd"), assign);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->updates(again->updates_size() - 1).action(), "reassign");
  EXPECT_EQ(again->updates(again->updates_size() - 1).actor(), "staff:truong-phong-vp-ubnd");
}

TEST_P(FeedbackTest, AClosedCategoryRefusesWithItsNoticeUntilItReopens) {
  v1::GetCategoryRequest get;
  get.set_code("power");
  auto power = feedbacks_->catalog.GetCategory(get);
  ASSERT_TRUE(power.ok()) << power.status();
  v1::PutCategoryRequest put;
  *put.mutable_category() = *power;
  put.mutable_category()->set_notice("Mất điện diện rộng tại phường Tân An: Điện lực đang khắc phục, gọi 1900 1006.");
  SetTimestamp(clock_.Now() + absl::Hours(4), put.mutable_category()->mutable_closed_until());
  ASSERT_TRUE(feedbacks_->catalog.PutCategory(Admin(), put).ok());
  // The catalogue shows the notice to the app.
  EXPECT_NE(feedbacks_->catalog.GetCategory(get)->notice().find("1900 1006"), std::string::npos);

  v1::CreateFeedbackRequest outage = Pothole();
  outage.set_category_code("power");
  outage.clear_answers();
  outage.set_description("Cả khu phố mất điện từ 7 giờ sáng đến giờ chưa có lại.");
  auto refused = feedbacks_->intake.Create(Resident(), outage, "");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(refused.status()), "CATEGORY_CLOSED");
  EXPECT_NE(refused.status().message().find("1900 1006"), std::string::npos);

  clock_.Advance(absl::Hours(5));  // the closing ends by itself
  EXPECT_TRUE(feedbacks_->intake.Create(Resident(), outage, "").ok());

  // A closing without a notice would leave residents guessing.
  put.mutable_category()->clear_notice();
  EXPECT_EQ(feedbacks_->catalog.PutCategory(Admin(), put).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace laso::feedback
