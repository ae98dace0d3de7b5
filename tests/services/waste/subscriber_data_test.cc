// A resident's export and erasure in waste: their collection reminders.
#include "services/waste/subscriber_data.h"

#include "common/testing/outbox_rows.h"
#include "tests/services/waste/waste_fixture.h"

namespace laso::waste {
namespace {

constexpr char kHousehold[] = "tan-an-sinh-hoat-1";

TEST_P(WasteTest, AnAdminReplacingARouteIsAudited) {
  PutDemoRoute(kHousehold);
  auto audits = testing::AuditRows(database_.db());
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0]["action"], "waste.put_route");
  EXPECT_EQ(audits[0]["record"], std::string("route/") + kHousehold);
  EXPECT_EQ(audits[0]["actor"], "staff:admin");
}

TEST_P(WasteTest, AnExportListsTheRemindersAndAnErasureCancelsThemAndForgetsWhose) {
  PutDemoRoute(kHousehold);
  v1::SubscribeRequest sub;
  sub.set_lat(10.5400);
  sub.set_lng(106.4181);
  rpc::Caller lan = testing::TestIdentity::Citizen("101", "84901234567");
  ASSERT_TRUE(waste_->Subscribe(lan, sub, "key-1").ok());
  v1::CancelSubscriptionRequest cancel;
  auto second = waste_->Subscribe(lan, sub);
  ASSERT_TRUE(second.ok());
  cancel.set_id(second->id());
  ASSERT_TRUE(waste_->CancelSubscription(lan, cancel).ok());  // cancelled before: its row still named them
  ASSERT_TRUE(waste_->Subscribe(testing::TestIdentity::Citizen("202"), sub).ok());

  SubscriberData data(*waste_, *store_);
  personal::Person person{"zalo:101", "84901234567"};
  auto exported = data.Export(person);
  ASSERT_TRUE(exported.ok()) << exported.status();
  ASSERT_EQ((*exported)["subscriptions"].size(), 1u);
  EXPECT_EQ((*exported)["subscriptions"][0]["lat"], 10.54);

  auto erased = data.Erase(person);
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_EQ((*erased)["subscriptionsForgotten"], 2);
  EXPECT_EQ((*erased)["retriesForgotten"], 1);
  EXPECT_EQ(waste_->ListMySubscriptions(lan)->subscriptions_size(), 0);
  EXPECT_EQ(waste_->ListMySubscriptions(testing::TestIdentity::Citizen("202"))->subscriptions_size(), 1);
  if (GetParam() == sql::Engine::kSqlite) {
    ASSERT_TRUE(database_.db().ForgetFreedBytes().ok());  // as the request desk does after an erasure
    EXPECT_EQ(database_.DiskBytes().find("zalo:101"), std::string::npos);  // not even the cancelled one
  }
  EXPECT_TRUE((*data.Export(person))["subscriptions"].empty());
}

}  // namespace
}  // namespace laso::waste
