// A resident's export and erasure in notify: their inbox (by account and by
// verified phone), settings, the phone kept for Zalo, and queued messages.
#include <gtest/gtest.h>

#include "tests/services/notify/notify_fixture.h"

namespace laso::notify {
namespace {

using nlohmann::json;

class RecipientDataTest : public NotifyFixture {};

TEST_P(RecipientDataTest, TheExportHoldsTheInboxAndSettingsAndTheErasureLeavesNothing) {
  common::v1::Caller lan = Resident("1", "84901234567");
  ASSERT_TRUE(notifications_->List(lan, {}).ok());  // notify learns the verified phone
  Choose(lan, "dossier", true, true);
  Publish("dossier.status_changed", DossierPayload("H15-0001", "0901234567"));
  Publish("dossier.status_changed", DossierPayload("H15-0002", "0912345678"));  // someone else's
  EXPECT_EQ(Drain(), 2);
  ASSERT_EQ(Counts().pending, 2);

  personal::Person person{"zalo:1", "84901234567"};
  auto exported = notifications_->Export(person);
  ASSERT_TRUE(exported.ok()) << exported.status();
  ASSERT_EQ((*exported)["inbox"].size(), 1u);
  EXPECT_EQ((*exported)["inbox"][0]["title"], "Hồ sơ H15-0001: Được tiếp nhận");
  EXPECT_TRUE((*exported)["zaloPhoneKept"]);
  EXPECT_TRUE((*exported)["settings"].contains("kinds")) << exported->dump();

  auto erased = notifications_->Erase(person);
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_GE((*erased)["rowsDeleted"], 4);  // inbox, delivery, settings, contact
  EXPECT_EQ(notifications_->List(Resident("1", "84901234567"), {})->notifications_size(), 0);
  auto again = notifications_->Export(person);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE((*again)["inbox"].empty());
  EXPECT_EQ(Counts().pending, 1);  // the other resident's message is still on its way
}

LASO_ON_BOTH_ENGINES(RecipientDataTest);

}  // namespace
}  // namespace laso::notify
