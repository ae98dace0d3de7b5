// Zalo ZNS delivery against fake-zalo: retries, refusals, quota, token refresh, crashes.
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/outbox/relay.h"
#include "tests/services/notify/notify_fixture.h"

namespace laso::notify {
namespace {

using nlohmann::json;

class SenderTest : public NotifyFixture {
 protected:
  // One dossier event queued for Zalo; returns its event id.
  std::string Queue(const std::string& code = "H15-0001") {
    std::string id = Publish("dossier.status_changed", DossierPayload(code, "0901234567"));
    EXPECT_EQ(Drain(), 1);
    return id;
  }
};

TEST_P(SenderTest, SendsWithTheEventIdAsTrackingIdAndTheOaTokenFromARefresh) {
  std::string id = Queue();
  ASSERT_EQ(SendOnce(), 1);
  json sent = zalo_.Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["tracking_id"], id);
  EXPECT_EQ(sent[0]["template_id"], "318421");
  EXPECT_EQ(sent[0]["template_data"]["ma_ho_so"], "H15-0001");
  EXPECT_EQ(Counts().sent, 1);
  EXPECT_EQ(zalo_.Stats()["oa_token"], 1);
  EXPECT_TRUE(token_->ExpiresAt().has_value());
  EXPECT_EQ(SendOnce(), 0);  // nothing twice
}

TEST_P(SenderTest, ServerErrorsAreRetriedWithBackoffThenDelivered) {
  Queue();
  zalo_.FailNextSends("500", 1);
  ASSERT_EQ(SendOnce(), 1);
  EXPECT_EQ(Counts().pending, 1);
  EXPECT_EQ(SendOnce(), 0);  // not before the backoff
  clock_.Advance(absl::Seconds(3));
  ASSERT_EQ(SendOnce(), 1);
  EXPECT_EQ(Counts().sent, 1);
  EXPECT_EQ(zalo_.Sent().size(), 1u);
}

TEST_P(SenderTest, TimeoutsAreRetried) {
  Queue();
  zalo_.FailNextSends("timeout", 1);
  ASSERT_EQ(SendOnce(), 1);  // waits out the 500 ms client timeout
  EXPECT_EQ(Counts().pending, 1);
  clock_.Advance(absl::Seconds(3));
  ASSERT_EQ(SendOnce(), 1);
  EXPECT_EQ(Counts().sent, 1);
}

TEST_P(SenderTest, AfterTheLastTryTheMessageGoesToTheDeadLetterStream) {
  std::string id = Queue();
  zalo_.FailNextSends("500", 10);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(SendOnce(), 1);
    clock_.Advance(absl::Minutes(2));
  }
  DeliveryCounts c = Counts();
  EXPECT_EQ(c.dead, 1);
  EXPECT_EQ(c.pending, 0);
  auto letters = notifications_->DeadLetters({});
  ASSERT_TRUE(letters.ok());
  ASSERT_EQ(letters->dead_letters_size(), 1);
  EXPECT_EQ(letters->dead_letters(0).event_id(), id);
  EXPECT_EQ(letters->dead_letters(0).attempts(), 3);

  // The letters are relayed to their own stream, without personal data.
  outbox::RelayOptions options;
  options.stream = "laso:events:dead";
  options.table = SqlNotifyStore::kDeadLetterTable;
  outbox::Relay relay(database_.db(), redis_, options, &clock_);
  ASSERT_EQ(*relay.RelayOnce(), 1);
  auto entries = redis_.Run({"XRANGE", "laso:events:dead", "-", "+"});
  ASSERT_EQ(entries->elements.size(), 1u);
  std::string all;
  for (const auto& f : entries->elements[0].elements[1].elements) all += f.str + " ";
  EXPECT_NE(all.find(id), std::string::npos);
  EXPECT_EQ(all.find("84901234567"), std::string::npos);
}

TEST_P(SenderTest, ARefusedMessageIsNotRetried) {
  Queue();
  zalo_.FailNextSends("reject", 1);
  ASSERT_EQ(SendOnce(), 1);
  EXPECT_EQ(Counts().dead, 1);
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(SendOnce(), 0);
  EXPECT_EQ(zalo_.Stats()["zns"], 1);
}

TEST_P(SenderTest, ASpentQuotaPausesSendingUntilItResetsAtMidnight) {
  Queue("H15-1");
  Queue("H15-2");
  zalo_.FailNextSends("quota", 2);
  ASSERT_EQ(SendOnce(), 2);
  auto paused = sender_->PausedUntil();
  ASSERT_TRUE(paused.has_value());
  EXPECT_EQ(*paused, absl::FromCivil(absl::CivilSecond(2026, 11, 25, 0, 0, 0), absl::FixedTimeZone(7 * 3600)));
  clock_.Advance(absl::Hours(6));
  EXPECT_EQ(SendOnce(), 0);
  EXPECT_EQ(zalo_.Stats()["zns"], 2);  // nothing tried while paused
  clock_.Advance(absl::Hours(9));     // past midnight
  ASSERT_EQ(SendOnce(), 2);
  EXPECT_EQ(Counts().sent, 2);
  EXPECT_EQ(Counts().dead, 0);  // the quota cost no message a try
}

TEST_P(SenderTest, ARefusedOaTokenIsRefreshedAndTheRotatedPairKept) {
  Queue("H15-1");
  ASSERT_EQ(SendOnce(), 1);
  zalo_.ExpireOaToken();
  Queue("H15-2");
  ASSERT_EQ(SendOnce(), 1);  // refused: token invalid
  ASSERT_EQ(SendOnce(), 1);  // refreshed, sent
  EXPECT_EQ(Counts().sent, 2);
  EXPECT_EQ(zalo_.Stats()["oa_token"], 2);
  // The kept pair is sealed, and a new keeper (a restart) uses it without a refresh.
  EXPECT_EQ(store_->Value(OaTokenKeeper::kStoreKey)->find("fake-oa"), std::string::npos);
  OaTokenKeeper restarted(*store_, vault_, *oa_, {"", "fake-oa-refresh-token"}, absl::Hours(1), &clock_);
  ASSERT_TRUE(restarted.Current().ok());
  EXPECT_EQ(zalo_.Stats()["oa_token"], 2);
}

TEST_P(SenderTest, MessagesInFlightWhenTheProcessDiedAreNotSentTwice) {
  Queue();
  // A batch claimed ("sending") by a process that then died.
  ASSERT_TRUE(
      store_->Write([&](NotifyStore::Tx& tx) { return tx.ClaimDue(clock_.Now(), 10, "sender-gone").status(); }).ok());
  // Just claimed: its sender may be a holder that has not yet noticed it lost the lease, still sending.
  EXPECT_EQ(*sender_->RecoverInterrupted(), 0);
  EXPECT_EQ(SendOnce(), 0);  // not ours to send either
  clock_.Advance(absl::Seconds(11));  // past orphan_after: that sender is surely done
  auto interrupted = sender_->RecoverInterrupted();
  ASSERT_TRUE(interrupted.ok());
  EXPECT_EQ(*interrupted, 1);
  EXPECT_EQ(SendOnce(), 0);
  EXPECT_EQ(Counts().dead, 1);
  auto letters = notifications_->DeadLetters({});
  EXPECT_NE(letters->dead_letters(0).reason().find("interrupted"), std::string::npos);
}

// Two senders at once (the new lease holder, and the old one not yet aware): each claims its own
// rows, neither reconciles the other's fresh claims, nothing goes out twice.
TEST_P(SenderTest, TwoSendersAtOnceNeverSendAMessageTwice) {
  for (int i = 0; i < 12; ++i) Queue(absl::StrCat("H15-00", 10 + i));
  auto second_db = database_.OpenAnother();
  auto second_store = std::move(*SqlNotifyStore::Open(*second_db));
  ZnsSender second(*second_store, vault_, *oa_, *token_,
                   SenderOptions{.concurrency = 4, .max_attempts = 3, .owner = "sender-b"}, &clock_);
  std::thread a([&] {
    for (int i = 0; i < 6; ++i) (void)sender_->RunOnce();
  });
  for (int i = 0; i < 6; ++i) (void)second.RunOnce();
  a.join();
  EXPECT_EQ(*second.RecoverInterrupted(), 0);
  EXPECT_EQ(*sender_->RecoverInterrupted(), 0);
  std::set<std::string> tracking;
  for (const auto& m : zalo_.Sent()) EXPECT_TRUE(tracking.insert(m["tracking_id"].get<std::string>()).second);
  EXPECT_EQ(tracking.size(), 12u);  // every one sent, by one of the two
  EXPECT_EQ(Counts().dead, 0);
}

TEST_P(SenderTest, AnExpiredWarningIsDroppedButStaysInTheInbox) {
  auto caller = Resident("A", "0901234567");
  Choose(caller, "waste", true, true);
  Publish("waste.approaching", {{"eta", "2026-11-24T10:10:00+07:00"}, {"recipient", {{"subject", "zalo:A"}}}});
  ASSERT_EQ(Drain(), 1);
  clock_.Advance(absl::Minutes(20));  // Zalo was unreachable until after the truck passed
  ASSERT_EQ(SendOnce(), 1);
  EXPECT_EQ(zalo_.Sent().size(), 0u);
  EXPECT_EQ(notifications_->List(caller, {})->notifications_size(), 1);
}

}  // namespace

LASO_ON_BOTH_ENGINES(SenderTest);

}  // namespace laso::notify
