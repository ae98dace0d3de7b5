// The event stream into inboxes and queued Zalo messages.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/time/rfc3339.h"
#include "tests/services/notify/notify_fixture.h"

namespace laso::notify {
namespace {

using nlohmann::json;

class IntakeTest : public NotifyFixture {};

TEST_P(IntakeTest, AnEventReachesTheInboxOfWhoeverVerifiedThePhoneAndQueuesOneZaloMessage) {
  Publish("dossier.status_changed", DossierPayload("H15-0001", "0901234567"));
  EXPECT_EQ(Drain(), 1);
  DeliveryCounts c = Counts();
  EXPECT_EQ(c.processed, 1);
  EXPECT_EQ(c.inbox, 1);
  EXPECT_EQ(c.pending, 1);

  auto mine = notifications_->List(Resident("1", "84901234567"), {});
  ASSERT_TRUE(mine.ok()) << mine.status();
  ASSERT_EQ(mine->notifications_size(), 1);
  EXPECT_EQ(mine->notifications(0).title(), "Hồ sơ H15-0001: Được tiếp nhận");
  EXPECT_EQ(mine->notifications(0).kind(), "dossier");
  EXPECT_EQ(mine->unread_count(), 1);
  // Someone else, or the same person before verifying the phone, sees nothing.
  EXPECT_EQ(notifications_->List(Resident("2", "84912345678"), {})->notifications_size(), 0);
  EXPECT_EQ(notifications_->List(Resident("1"), {})->notifications_size(), 0);

  // Read one, and the unread count follows; a stranger cannot mark it.
  std::string id = mine->notifications(0).id();
  v1::MarkReadRequest read;
  read.set_id(id);
  EXPECT_EQ(notifications_->MarkRead(Resident("2", "84912345678"), read).status().code(), absl::StatusCode::kNotFound);
  auto marked = notifications_->MarkRead(Resident("1", "84901234567"), read);
  ASSERT_TRUE(marked.ok());
  EXPECT_TRUE(marked->has_read_at());
  EXPECT_EQ(notifications_->List(Resident("1", "84901234567"), {})->unread_count(), 0);
}

TEST_P(IntakeTest, StatusesFromDaysAgoGoToTheInboxButNotToZalo) {
  // A sync brings in a dossier's history: "received" 10 days ago, "processing" an hour ago.
  json old = DossierPayload("H15-0003", "0901234567");
  old["time"] = FormatRfc3339(clock_.Now() - absl::Hours(240));
  json recent = DossierPayload("H15-0003", "0901234567");
  recent["time"] = FormatRfc3339(clock_.Now() - absl::Hours(1));
  Publish("dossier.status_changed", old);
  Publish("dossier.status_changed", recent);
  ASSERT_EQ(Drain(), 2);
  DeliveryCounts c = Counts();
  EXPECT_EQ(c.inbox, 2);
  EXPECT_EQ(c.pending, 1);  // only the recent one goes to Zalo (templates.json: staleAfter 3d)
}

TEST_P(IntakeTest, ARedeliveredEventChangesNothing) {
  json payload = DossierPayload("H15-0002", "0901234567");
  std::string id = Publish("dossier.status_changed", payload);
  ASSERT_EQ(Drain(), 1);
  // The relay published it again (a crash between XADD and marking it sent).
  ASSERT_TRUE(redis_.Run({"XADD", "laso:events", "*", "id", id, "type", "dossier.status_changed", "subject", "x",
                          "occurred_at", "2026-11-24T10:00:00+07:00", "source", "test", "payload", payload.dump()})
                  .ok());
  ASSERT_EQ(Drain(), 1);
  DeliveryCounts c = Counts();
  EXPECT_EQ(c.processed, 1);
  EXPECT_EQ(c.inbox, 1);
  EXPECT_EQ(c.pending, 1);
}

TEST_P(IntakeTest, BillHoldersAreToldByZaloOnlyWhenNotifyKnowsTheirVerifiedPhone) {
  // Holder A opened the app with a verified phone (notify remembers it, sealed); B never did.
  ASSERT_TRUE(notifications_->GetSettings(Resident("A", "0901234567")).ok());
  ASSERT_TRUE(notifications_->GetSettings(Resident("B")).ok());
  Publish("bill.due_soon", {{"billId", "b1"}, {"customerCode", "PB06010000001"}, {"period", "2026-10"},
                            {"total", 715000}, {"dueDate", "2026-11-27"}, {"holders", {"zalo:A", "zalo:B"}}});
  Publish("bill.paid", {{"billId", "b1"}});  // nobody is told: no template
  ASSERT_EQ(Drain(), 2);
  DeliveryCounts c = Counts();
  EXPECT_EQ(c.processed, 2);
  EXPECT_EQ(c.inbox, 2);
  EXPECT_EQ(c.pending, 1);
  auto b = notifications_->List(Resident("B"), {});
  ASSERT_EQ(b->notifications_size(), 1);
  EXPECT_EQ(b->notifications(0).body(),
            "Hóa đơn PB06010000001 kỳ 2026-10: 715.000 đ, hạn thanh toán 27/11/2026. Thanh toán ngay trong ứng dụng.");
  ASSERT_EQ(SendOnce(), 1);
  json sent = zalo_.Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["phone"], "84901234567");
  EXPECT_EQ(sent[0]["template_data"]["so_tien"], "715.000 đ");
}

TEST_P(IntakeTest, SettingsDecideTheChannelsAndQuietHoursHoldNonUrgentZaloMessages) {
  auto caller = Resident("A", "0901234567");
  Choose(caller, "bill", false, false);
  Choose(caller, "waste", true, true);
  auto view = notifications_->GetSettings(caller);
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(view->zalo_reachable());

  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 11, 24, 22, 30, 0), absl::FixedTimeZone(7 * 3600)));
  Publish("bill.overdue", {{"billId", "b1"}, {"holders", {"zalo:A"}}});  // both channels off
  Publish("dossier.status_changed", DossierPayload("H15-0003", "0901234567"));  // non-urgent: waits for 07:00
  Publish("waste.approaching", {{"eta", "2026-11-24T22:40:00+07:00"}, {"recipient", {{"subject", "zalo:A"}}}});
  ASSERT_EQ(Drain(), 3);
  EXPECT_EQ(Counts().inbox, 2);
  EXPECT_EQ(Counts().pending, 2);
  ASSERT_EQ(SendOnce(), 1);  // only the truck, urgent, goes at night
  ASSERT_EQ(zalo_.Sent().size(), 1u);
  EXPECT_EQ(zalo_.Sent()[0]["template_data"]["gio_den"], "22:40");
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 11, 25, 7, 0, 1), absl::FixedTimeZone(7 * 3600)));
  ASSERT_EQ(SendOnce(), 1);
  EXPECT_EQ(zalo_.Sent().size(), 2u);
}

TEST_P(IntakeTest, AConsumerThatDiedIsReplacedAndWhatItReadIsNotLost) {
  for (int i = 0; i < 3; ++i) Publish("dossier.status_changed", DossierPayload(absl::StrCat("H15-10", i), "0901234567"));
  ASSERT_TRUE(redis_.Run({"XGROUP", "CREATE", "laso:events", "notify", "0", "MKSTREAM"}).ok());
  // notify-dead read everything and died before acknowledging.
  ASSERT_TRUE(redis_.Run({"XREADGROUP", "GROUP", "notify", "notify-dead", "COUNT", "10", "STREAMS", "laso:events", ">"})
                  .ok());
  EXPECT_EQ(Drain(), 0);  // too fresh to take over
  absl::SleepFor(absl::Milliseconds(250));
  clock_.Advance(absl::Seconds(1));  // the next take-over round is due
  EXPECT_EQ(Drain(), 3);
  EXPECT_EQ(Counts().processed, 3);
  auto pending = redis_.Run({"XPENDING", "laso:events", "notify"});
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->elements[0].integer, 0);
}

TEST_P(IntakeTest, TheConsumerOfAGoneReplicaLeavesTheGroupOnceNothingOfItsIsPending) {
  for (int i = 0; i < 2; ++i) Publish("dossier.status_changed", DossierPayload(absl::StrCat("H15-30", i), "0901234567"));
  ASSERT_TRUE(redis_.Run({"XGROUP", "CREATE", "laso:events", "notify", "0", "MKSTREAM"}).ok());
  // notify-old read both and died; notify-idle never held anything.
  ASSERT_TRUE(redis_.Run({"XREADGROUP", "GROUP", "notify", "notify-old", "COUNT", "10", "STREAMS", "laso:events", ">"})
                  .ok());
  ASSERT_TRUE(redis_.Run({"XGROUP", "CREATECONSUMER", "laso:events", "notify", "notify-idle"}).ok());
  absl::SleepFor(absl::Milliseconds(250));
  auto gone = consumer_->ForgetGoneConsumers(absl::Milliseconds(200));
  ASSERT_TRUE(gone.ok()) << gone.status();
  EXPECT_EQ(*gone, std::vector<std::string>{"notify-idle"});  // notify-old still holds two entries
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Drain(), 2);  // taken over
  absl::SleepFor(absl::Milliseconds(250));
  gone = consumer_->ForgetGoneConsumers(absl::Milliseconds(200));
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(*gone, std::vector<std::string>{"notify-old"});
  auto left = redis_.Run({"XINFO", "CONSUMERS", "laso:events", "notify"});
  ASSERT_EQ(left->elements.size(), 1u);  // this replica only
  EXPECT_EQ(left->elements[0].elements[1].str, "notify-test");
}

TEST_P(IntakeTest, IfRedisLosesTheStreamTheGroupResumesAfterTheLastEventProcessed) {
  Publish("dossier.status_changed", DossierPayload("H15-2001", "0901234567"));
  ASSERT_EQ(Drain(), 1);
  server_.Kill();
  server_.Restart();  // without persistence: stream and group are gone
  EXPECT_FALSE(consumer_->RunOnce().ok());
  // The client drops its dead connections and its breaker cools down.
  for (int i = 0; i < 50 && !redis_.Run({"PING"}).ok(); ++i) absl::SleepFor(absl::Milliseconds(100));
  Publish("dossier.status_changed", DossierPayload("H15-2002", "0901234567"));
  EXPECT_EQ(Drain(), 1);
  EXPECT_EQ(Counts().processed, 2);
}

// The privacy service tells notify what a resident chose: withdrawing Zalo
// messages drops what is queued and stops new ones; an older change arriving
// late changes nothing; granting again brings them back.
TEST_P(IntakeTest, ConsentToZaloMessagesDecidesWhetherTheyAreSent) {
  auto consent = [&](bool zalo, absl::Time at) {
    json granted = zalo ? json::array({"zalo_messages"}) : json::array({"location_reminders"});
    Publish("privacy.consent_changed",
            {{"subject", "zalo:1"}, {"noticeVersion", 1}, {"granted", granted}, {"at", FormatRfc3339(at)}});
  };
  ASSERT_TRUE(notifications_->List(Resident("1", "84901234567"), {}).ok());  // the phone is theirs
  Publish("dossier.status_changed", DossierPayload("H15-0101", "0901234567"));
  ASSERT_EQ(Drain(), 1);
  ASSERT_EQ(Counts().pending, 1);

  consent(false, clock_.Now());
  ASSERT_EQ(Drain(), 1);
  EXPECT_EQ(Counts().pending, 0);  // the queued message will not go
  Publish("dossier.status_changed", DossierPayload("H15-0102", "0901234567"));
  ASSERT_EQ(Drain(), 1);
  EXPECT_EQ(Counts().pending, 0);
  EXPECT_EQ(Counts().inbox, 2);  // the inbox still tells them

  consent(true, clock_.Now() - absl::Hours(1));  // an older change, read late
  Publish("dossier.status_changed", DossierPayload("H15-0103", "0901234567"));
  ASSERT_EQ(Drain(), 2);
  EXPECT_EQ(Counts().pending, 0);

  clock_.Advance(absl::Minutes(5));
  consent(true, clock_.Now());
  Publish("dossier.status_changed", DossierPayload("H15-0104", "0901234567"));
  ASSERT_EQ(Drain(), 2);
  EXPECT_EQ(Counts().pending, 1);
  EXPECT_EQ(SendOnce(), 1);
}

}  // namespace

LASO_ON_BOTH_ENGINES(IntakeTest);

}  // namespace laso::notify
