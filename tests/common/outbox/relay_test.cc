#include "common/outbox/relay.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/outbox/outbox.h"
#include "common/sqlite/transaction.h"
#include "common/testing/redis_server.h"
#include "common/testing/temp_dir.h"

namespace laso::outbox {
namespace {

class RelayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = std::move(*sqlite::Pool::Open({.path = dir_.File("svc.db")}, 2));
    auto w = pool_->Writer();
    ASSERT_TRUE(sqlite::Migrate(*w, "outbox", Migrations()).ok());
  }

  std::vector<std::string> Produce(int n, const std::string& prefix) {
    std::vector<std::string> ids;
    auto w = pool_->Writer();
    auto tx = sqlite::Transaction::Begin(*w);
    for (int i = 0; i < n; ++i) {
      Event e = NewEvent("dossier.status_changed", absl::StrCat("dossier/", prefix, i),
                         absl::StrCat(R"({"n":)", i, "}"), *RealClock::Get());
      EXPECT_TRUE(Append(*w, e).ok());
      ids.push_back(e.id);
    }
    EXPECT_TRUE(tx->Commit().ok());
    return ids;
  }

  // Event ids in the stream, in stream order.
  std::vector<std::string> StreamIds() {
    auto entries = redis_.Run({"XRANGE", "laso:events", "-", "+"});
    std::vector<std::string> ids;
    for (const auto& entry : entries->elements) {
      const auto& fields = entry.elements[1].elements;
      for (size_t i = 0; i + 1 < fields.size(); i += 2) {
        if (fields[i].str == "id") ids.push_back(fields[i + 1].str);
      }
    }
    return ids;
  }

  RelayOptions Options() {
    RelayOptions options;
    options.batch = 100;
    options.poll_interval = absl::Milliseconds(20);
    options.source = "dossier";
    return options;
  }

  testing::TempDir dir_;
  testing::RedisServer server_;
  redis::Client redis_{server_.ClientOptions()};
  std::unique_ptr<sqlite::Pool> pool_;
};

TEST_F(RelayTest, PublishesInOrderWithAllFields) {
  std::vector<std::string> ids = Produce(3, "H15-");
  Relay relay(*pool_, redis_, Options(), RealClock::Get());
  auto published = relay.RelayOnce();
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(*published, 3);
  EXPECT_EQ(StreamIds(), ids);
  EXPECT_EQ(*relay.PendingCount(), 0);
  EXPECT_EQ(*relay.RelayOnce(), 0);  // nothing twice

  auto entry = redis_.Run({"XRANGE", "laso:events", "-", "+", "COUNT", "1"});
  const auto& fields = entry->elements[0].elements[1].elements;
  std::map<std::string, std::string> m;
  for (size_t i = 0; i + 1 < fields.size(); i += 2) m[fields[i].str] = fields[i + 1].str;
  EXPECT_EQ(m["type"], "dossier.status_changed");
  EXPECT_EQ(m["subject"], "dossier/H15-0");
  EXPECT_EQ(m["source"], "dossier");
  EXPECT_EQ(m["payload"], R"({"n":0})");
  EXPECT_FALSE(m["occurred_at"].empty());
}

TEST_F(RelayTest, WhileRedisIsDownEventsWaitAndThenGoOutInOrder) {
  Relay relay(*pool_, redis_, Options(), RealClock::Get());
  std::vector<std::string> ids = Produce(5, "a");
  ASSERT_EQ(*relay.RelayOnce(), 5);

  server_.Kill();
  std::vector<std::string> more = Produce(250, "b");  // writes still commit
  EXPECT_EQ(relay.RelayOnce().status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(*relay.PendingCount(), 250);

  server_.Restart();  // a fresh Redis: the stream is empty again
  relay.Start();
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline && *relay.PendingCount() > 0) absl::SleepFor(absl::Milliseconds(20));
  relay.Stop();
  EXPECT_EQ(*relay.PendingCount(), 0);
  // The first five went out again (the restarted Redis had lost them), then all 250, in order, once each.
  std::vector<std::string> expected = ids;
  expected.insert(expected.end(), more.begin(), more.end());
  EXPECT_EQ(StreamIds(), expected);
}

TEST_F(RelayTest, ARedisThatRestartedGetsTheRecentEventsAgainInOrder) {
  FakeClock clock(absl::Now());
  Relay relay(*pool_, redis_, Options(), &clock);
  std::vector<std::string> old = Produce(2, "old");
  ASSERT_EQ(*relay.RelayOnce(), 2);
  clock.Advance(absl::Hours(2));  // beyond the replay window: surely read long ago
  std::vector<std::string> recent = Produce(3, "recent");
  ASSERT_EQ(*relay.RelayOnce(), 3);
  EXPECT_EQ(*relay.FollowRedisRestart(), 0);  // the same Redis: nothing to do

  server_.Restart();  // without persistence: the stream is gone
  std::vector<std::string> after = Produce(1, "after");
  absl::StatusOr<int> published;
  for (int i = 0; i < 50 && !(published = relay.RelayOnce()).ok(); ++i) absl::SleepFor(absl::Milliseconds(20));
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(*published, 4);
  std::vector<std::string> expected = recent;
  expected.push_back(after[0]);
  EXPECT_EQ(StreamIds(), expected);
  EXPECT_EQ(*relay.RelayOnce(), 0);  // once each
}

TEST_F(RelayTest, ARestartWhileTheServiceWasDownIsNoticedFromTheStoredRunId) {
  std::vector<std::string> ids = Produce(3, "s");
  {
    Relay before(*pool_, redis_, Options(), RealClock::Get());
    ASSERT_EQ(*before.RelayOnce(), 3);
  }
  {
    Relay same(*pool_, redis_, Options(), RealClock::Get());  // a service restart alone repeats nothing
    EXPECT_EQ(*same.FollowRedisRestart(), 0);
    EXPECT_EQ(*same.RelayOnce(), 0);
  }
  server_.Restart();
  Relay after(*pool_, redis_, Options(), RealClock::Get());
  absl::StatusOr<int> published;
  for (int i = 0; i < 50 && !(published = after.RelayOnce()).ok(); ++i) absl::SleepFor(absl::Milliseconds(20));
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(*published, 3);
  EXPECT_EQ(StreamIds(), ids);
}

TEST_F(RelayTest, TheBackgroundLoopPublishesWhenWoken) {
  RelayOptions options = Options();
  options.poll_interval = absl::Seconds(30);  // only Wake() can make it quick
  Relay relay(*pool_, redis_, options, RealClock::Get());
  relay.Start();
  absl::SleepFor(absl::Milliseconds(50));
  std::vector<std::string> ids = Produce(2, "w");
  relay.Wake();
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (absl::Now() < deadline && StreamIds().size() < 2) absl::SleepFor(absl::Milliseconds(10));
  relay.Stop();
  EXPECT_EQ(StreamIds(), ids);
}

TEST_F(RelayTest, PrunesOnlyOldPublishedRows) {
  FakeClock clock(absl::Now());
  Relay relay(*pool_, redis_, Options(), &clock);
  Produce(3, "p");
  ASSERT_EQ(*relay.RelayOnce(), 3);
  Produce(2, "q");  // pending, never pruned
  clock.Advance(absl::Hours(24 * 8));
  EXPECT_EQ(*relay.Prune(), 3);
  EXPECT_EQ(*relay.PendingCount(), 2);
}

TEST_F(RelayTest, ARedisThatRefusesInfoStillGetsEveryEvent) {
  ASSERT_TRUE(redis_.Run({"ACL", "SETUSER", "default", "-info"}).ok());  // as a hardened Redis might
  Relay relay(*pool_, redis_, Options(), RealClock::Get());
  std::vector<std::string> ids = Produce(3, "noinfo");
  EXPECT_EQ(*relay.FollowRedisRestart(), 0);
  EXPECT_EQ(*relay.RelayOnce(), 3);
  EXPECT_EQ(StreamIds(), ids);
}

}  // namespace
}  // namespace laso::outbox
