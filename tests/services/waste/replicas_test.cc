// Two replicas of the waste service behind a load balancer, on one database:
// whichever receives a route, a subscription or a truck's positions, the other
// answers as if it had (after its CatchUp, which runs every sync.poll_interval).
#include "common/status/status.h"
#include "common/testing/outbox_rows.h"
#include "common/time/proto_time.h"
#include "tests/services/waste/waste_fixture.h"

namespace laso::waste {
namespace {

constexpr char kHousehold[] = "tan-an-sinh-hoat-1";
constexpr char kTruck[] = "62C-123.45";

v1::EtaRequest ByTheFourthStop() {
  v1::EtaRequest at;
  at.set_lat(10.5400);
  at.set_lng(106.4181);
  return at;
}

// The truck leaves at 05:30 along the first leg, one fix every 20 s.
std::vector<std::tuple<double, double, absl::Time>> FirstLeg(absl::Time t) {
  std::vector<std::tuple<double, double, absl::Time>> track;
  for (int i = 0; i <= 24; ++i) {
    track.emplace_back(10.5340 + 0.0060 * i / 24, 106.4100 + 0.0040 * i / 24, t + absl::Seconds(20 * i));
  }
  return track;
}

absl::Time HalfPastFive() {
  return absl::FromCivil(absl::CivilSecond(2026, 11, 23, 5, 30, 0), absl::FixedTimeZone(7 * 3600));
}

TEST_P(WasteTest, APositionsSplitBetweenReplicasMakeOneRunOnBoth) {
  WasteCollection& second = SecondReplica();
  PutDemoRoute(kHousehold);  // through the first replica
  ASSERT_TRUE(second.CatchUp().ok());
  ASSERT_EQ(second.ListRoutes()->routes_size(), 1);

  absl::Time t = HalfPastFive();
  auto track = FirstLeg(t);
  for (size_t i = 0; i < track.size(); ++i) {  // the load balancer alternates
    clock_.Set(std::get<2>(track[i]));
    auto posted = Post(kTruck, {track[i]}, i % 2 == 0 ? waste_.get() : &second);
    EXPECT_EQ(posted.flagged(), 0) << "fix " << i << " judged against a stale previous position";
  }
  ASSERT_TRUE(waste_->CatchUp().ok());
  ASSERT_TRUE(second.CatchUp().ok());
  for (WasteCollection* replica : {waste_.get(), &second}) {
    auto eta = replica->GetEta(ByTheFourthStop());
    ASSERT_TRUE(eta.ok()) << eta.status();
    ASSERT_EQ(eta->routes_size(), 1);
    EXPECT_EQ(eta->routes(0).status(), v1::APPROACHING);
    EXPECT_EQ(eta->routes(0).stops_before_you(), 0);  // the first three are served, seen by both
    EXPECT_EQ(eta->routes(0).position_age_s(), 0);
    auto vehicles = replica->ListVehicles();
    ASSERT_EQ(vehicles->vehicles_size(), 1);
    EXPECT_EQ(vehicles->vehicles(0).today(0).stops_served(), 3);
  }
  EXPECT_EQ(waste_->GetEta(ByTheFourthStop())->routes(0).eta().seconds(),
            second.GetEta(ByTheFourthStop())->routes(0).eta().seconds());
}

}  // namespace

void WasteTest::DriveByTheStop(WasteCollection& second) {
  absl::Time t = HalfPastFive();
  clock_.Set(t + absl::Seconds(480));
  auto track = FirstLeg(t);
  Post(kTruck, {track.begin(), track.begin() + 12});
  Post(kTruck, {track.begin() + 12, track.end()}, &second);
  Post(kTruck, {{10.5400, 106.4150, clock_.Now() + absl::Seconds(20)}});
}

namespace {

// Where the subscriber of these tests waits: by the demo route's fourth stop.
v1::SubscribeRequest ByTheStop() {
  v1::SubscribeRequest sub;
  sub.set_lat(10.5400);
  sub.set_lng(106.4181);
  return sub;
}

TEST_P(WasteTest, ASubscriberIsWarnedOnceWhicheverReplicaTookTheSubscription) {
  WasteCollection& second = SecondReplica();
  PutDemoRoute(kHousehold);
  ASSERT_TRUE(second.CatchUp().ok());
  ASSERT_TRUE(second.Subscribe(testing::TestIdentity::Citizen("101", "84901234567"), ByTheStop()).ok());
  DriveByTheStop(second);  // half through the first replica (it learns of the subscriber), half the second
  auto events = testing::OutboxRows(database_.db());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["type"], "waste.approaching");
  EXPECT_EQ(events[0]["payload"]["recipient"]["subject"], "zalo:101");
}

// Subscribed through one replica, cancelled through the other: nobody warns any more, and the place is gone.
TEST_P(WasteTest, ACancelledSubscriptionIsWarnedByNoReplica) {
  WasteCollection& second = SecondReplica();
  PutDemoRoute(kHousehold);
  ASSERT_TRUE(second.CatchUp().ok());
  auto resident = testing::TestIdentity::Citizen("101", "84901234567");
  auto made = waste_->Subscribe(resident, ByTheStop());
  ASSERT_TRUE(made.ok()) << made.status();
  ASSERT_TRUE(second.CatchUp().ok());

  auto mine = second.ListMySubscriptions(resident);
  ASSERT_TRUE(mine.ok()) << mine.status();
  ASSERT_EQ(mine->subscriptions_size(), 1);
  EXPECT_EQ(mine->subscriptions(0).id(), made->id());
  EXPECT_TRUE(mine->subscriptions(0).has_created_at());
  EXPECT_EQ(waste_->ListMySubscriptions(testing::TestIdentity::Citizen("202"))->subscriptions_size(), 0);

  // Not someone else's to cancel, and the answer does not tell whether it exists.
  v1::CancelSubscriptionRequest cancel;
  cancel.set_id(made->id());
  EXPECT_EQ(second.CancelSubscription(testing::TestIdentity::Citizen("202"), cancel).status().code(),
            absl::StatusCode::kNotFound);
  auto cancelled = second.CancelSubscription(resident, cancel);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_TRUE(cancelled->cancelled());
  EXPECT_EQ(second.CancelSubscription(resident, cancel).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(waste_->ListMySubscriptions(resident)->subscriptions_size(), 0);
  ASSERT_TRUE(waste_->CatchUp().ok());  // the first replica's next poll

  DriveByTheStop(second);
  Post(kTruck, {{10.5400, 106.4160, clock_.Now() + absl::Seconds(40)}}, &second);
  EXPECT_TRUE(testing::OutboxRows(database_.db()).empty());
  // What is left of it in the database is its id: not where the resident lives.
  EXPECT_EQ(store_->Subscriptions()->size(), 0u);
}

TEST_P(WasteTest, ARouteAddedThroughOneReplicaIsServedByTheOther) {
  WasteCollection& second = SecondReplica();
  PutDemoRoute(kHousehold);
  ASSERT_TRUE(second.CatchUp().ok());
  ASSERT_TRUE(second.CatchUp().ok());  // nothing new: nothing changes
  EXPECT_EQ(second.ListRoutes()->routes_size(), 1);
  PutDemoRoute("tan-an-tai-che-1");  // recycling, through the first replica
  ASSERT_TRUE(second.CatchUp().ok());
  auto routes = second.ListRoutes();
  ASSERT_EQ(routes->routes_size(), 2);
  EXPECT_EQ(routes->routes(1).id(), "tan-an-tai-che-1");
  EXPECT_EQ(second.ListRoutes()->SerializeAsString(), waste_->ListRoutes()->SerializeAsString());
}

// The privacy service's event for a resident who withdrew consent to use the location.
outbox::StreamEvent Withdrawal(const std::string& stream_id, const std::string& subject) {
  nlohmann::json payload = {{"subject", subject}, {"noticeVersion", 1}, {"granted", {"zalo_messages"}},
                            {"at", "2026-11-23T05:00:00+07:00"}};
  return {stream_id, "01KZ" + stream_id, "privacy.consent_changed", subject, "2026-11-23T05:00:00Z", "privacy",
          payload.dump()};
}

TEST_P(WasteTest, WithdrawingConsentToTheLocationCancelsEveryReminderOnEveryReplica) {
  WasteCollection& second = SecondReplica();
  PutDemoRoute(kHousehold);
  ASSERT_TRUE(second.CatchUp().ok());
  auto resident = testing::TestIdentity::Citizen("101", "84901234567");
  auto neighbour = testing::TestIdentity::Citizen("202", "84912345678");
  ASSERT_TRUE(waste_->Subscribe(resident, ByTheStop()).ok());
  ASSERT_TRUE(waste_->Subscribe(resident, ByTheStop()).ok());
  ASSERT_TRUE(waste_->Subscribe(neighbour, ByTheStop()).ok());
  ASSERT_TRUE(second.CatchUp().ok());

  std::vector<outbox::StreamEvent> batch = {Withdrawal("1764000000000-0", "zalo:101")};
  auto cancelled = second.TakeConsentEvents("waste", batch);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(*cancelled, 2);
  EXPECT_EQ(waste_->ListMySubscriptions(resident)->subscriptions_size(), 0);
  EXPECT_EQ(waste_->ListMySubscriptions(neighbour)->subscriptions_size(), 1);
  EXPECT_EQ(*store_->StreamCheckpoint("waste"), "1764000000000-0");
  // The batch read again (a crash before the acknowledgement) changes nothing; the checkpoint never goes back.
  EXPECT_EQ(*second.TakeConsentEvents("waste", batch), 0);
  EXPECT_EQ(*waste_->TakeConsentEvents("waste", {Withdrawal("1763000000000-0", "zalo:999")}), 0);
  EXPECT_EQ(*store_->StreamCheckpoint("waste"), "1764000000000-0");

  // The first replica no longer warns them: only the neighbour is told.
  ASSERT_TRUE(waste_->CatchUp().ok());
  DriveByTheStop(second);
  auto events = testing::OutboxRows(database_.db());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["payload"]["recipient"]["subject"], "zalo:202");

  // Without the purpose granted, subscribing again is refused until they grant it.
  rpc::Caller withdrawn = resident;
  withdrawn.clear_consents();
  withdrawn.add_consents("zalo_messages");
  auto refused = waste_->Subscribe(withdrawn, ByTheStop());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(refused.status()), "CONSENT_REQUIRED");
}

}  // namespace
}  // namespace laso::waste
