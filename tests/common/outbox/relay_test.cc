#include "common/outbox/relay.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/outbox/outbox.h"
#include "common/sql/lease_keeper.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/redis_server.h"
#include "common/testing/temp_dir.h"

namespace laso::outbox {
namespace {

class RelayTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  void SetUp() override { ASSERT_TRUE(db().Migrate("outbox", Migrations()).ok()); }

  sql::Database& db() { return database_.db(); }

  static Event Numbered(const std::string& prefix, int i) {
    return NewEvent("dossier.status_changed", absl::StrCat("dossier/", prefix, i), absl::StrCat(R"({"n":)", i, "}"),
                    *RealClock::Get());
  }

  std::vector<std::string> Produce(int n, const std::string& prefix) {
    std::vector<std::string> ids;
    EXPECT_TRUE(db().Write([&](sql::Session& s) -> absl::Status {
                      ids.clear();
                      for (int i = 0; i < n; ++i) {
                        Event e = Numbered(prefix, i);
                        if (auto a = Append(s, e); !a.ok()) return a;
                        ids.push_back(e.id);
                      }
                      return absl::OkStatus();
                    }).ok());
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
  testing::TestDatabase database_{GetParam(), dir_.path(), "svc"};
};

TEST_P(RelayTest, PublishesInOrderWithAllFields) {
  std::vector<std::string> ids = Produce(3, "H15-");
  Relay relay(db(), redis_, Options(), RealClock::Get());
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

TEST_P(RelayTest, WhileRedisIsDownEventsWaitAndThenGoOutInOrder) {
  Relay relay(db(), redis_, Options(), RealClock::Get());
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

TEST_P(RelayTest, ARedisThatRestartedGetsTheRecentEventsAgainInOrder) {
  FakeClock clock(absl::Now());
  Relay relay(db(), redis_, Options(), &clock);
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

TEST_P(RelayTest, ARestartWhileTheServiceWasDownIsNoticedFromTheStoredRunId) {
  std::vector<std::string> ids = Produce(3, "s");
  {
    Relay before(db(), redis_, Options(), RealClock::Get());
    ASSERT_EQ(*before.RelayOnce(), 3);
  }
  {
    Relay same(db(), redis_, Options(), RealClock::Get());  // a service restart alone repeats nothing
    EXPECT_EQ(*same.FollowRedisRestart(), 0);
    EXPECT_EQ(*same.RelayOnce(), 0);
  }
  server_.Restart();
  Relay after(db(), redis_, Options(), RealClock::Get());
  absl::StatusOr<int> published;
  for (int i = 0; i < 50 && !(published = after.RelayOnce()).ok(); ++i) absl::SleepFor(absl::Milliseconds(20));
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(*published, 3);
  EXPECT_EQ(StreamIds(), ids);
}

TEST_P(RelayTest, TheBackgroundLoopPublishesWhenWoken) {
  RelayOptions options = Options();
  options.poll_interval = absl::Seconds(30);  // only Wake() can make it quick
  Relay relay(db(), redis_, options, RealClock::Get());
  relay.Start();
  absl::SleepFor(absl::Milliseconds(50));
  std::vector<std::string> ids = Produce(2, "w");
  relay.Wake();
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (absl::Now() < deadline && StreamIds().size() < 2) absl::SleepFor(absl::Milliseconds(10));
  relay.Stop();
  EXPECT_EQ(StreamIds(), ids);
}

// Two replicas of a service, each with its own pool, relay and keeper, while
// writers add events: the lease lets one relay run, so every event goes out
// exactly once, and when that replica stops the other takes over.
TEST_P(RelayTest, TwoReplicasPublishEachEventOnceAndHandOver) {
  auto other_db = database_.OpenAnother();
  struct Replica {
    std::unique_ptr<Relay> relay;
    std::unique_ptr<sql::LeaseKeeper> keeper;
  };
  auto replica = [&](sql::Database& on) {
    Replica r;
    r.relay = std::make_unique<Relay>(on, redis_, Options(), RealClock::Get());
    r.keeper = std::make_unique<sql::LeaseKeeper>("svc", std::move(on.OpenLease("svc").value()), absl::Milliseconds(20));
    Relay* relay = r.relay.get();
    r.keeper->Add([relay] { relay->Start(); }, [relay] { relay->Stop(); });
    r.keeper->Start();
    return r;
  };
  Replica a = replica(db()), b = replica(*other_db);
  std::vector<std::string> ids;
  for (int round = 0; round < 20; ++round) {
    auto batch = Produce(10, absl::StrCat("r", round, "-"));
    ids.insert(ids.end(), batch.begin(), batch.end());
    if (round == 10) (a.keeper->held() ? a : b).keeper->Stop();  // the holder goes away mid-stream
    absl::SleepFor(absl::Milliseconds(10));
  }
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline && StreamIds().size() < ids.size()) absl::SleepFor(absl::Milliseconds(20));
  absl::SleepFor(absl::Milliseconds(100));  // a duplicate would show by now
  a.keeper->Stop();
  b.keeper->Stop();
  std::vector<std::string> out = StreamIds();
  EXPECT_EQ(out.size(), ids.size()) << "each event exactly once";
  std::sort(out.begin(), out.end());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(out, ids);
}

TEST_P(RelayTest, PrunesOnlyOldPublishedRows) {
  FakeClock clock(absl::Now());
  Relay relay(db(), redis_, Options(), &clock);
  Produce(3, "p");
  ASSERT_EQ(*relay.RelayOnce(), 3);
  Produce(2, "q");  // pending, never pruned
  clock.Advance(absl::Hours(24 * 8));
  EXPECT_EQ(*relay.Prune(), 3);
  EXPECT_EQ(*relay.PendingCount(), 2);
}

TEST_P(RelayTest, ARedisThatRefusesInfoStillGetsEveryEvent) {
  ASSERT_TRUE(redis_.Run({"ACL", "SETUSER", "default", "-info"}).ok());  // as a hardened Redis might
  Relay relay(db(), redis_, Options(), RealClock::Get());
  std::vector<std::string> ids = Produce(3, "noinfo");
  EXPECT_EQ(*relay.FollowRedisRestart(), 0);
  EXPECT_EQ(*relay.RelayOnce(), 3);
  EXPECT_EQ(StreamIds(), ids);
}

// On PostgreSQL writers run side by side: a row can commit after a row with a
// higher seq was read and sent. Marking "every seq up to the last sent" would
// mark it too, and it would never go out.
TEST(RelayRaceTest, ARowThatCommitsLateWithALowerSeqStillGoesOut) {
  testing::TempDir dir;
  testing::TestDatabase database(sql::Engine::kPostgres, dir.path(), "svc");
  ASSERT_TRUE(database.db().Migrate("outbox", Migrations()).ok());
  testing::RedisServer server;
  redis::Options slow = server.ClientOptions();
  slow.command_timeout = absl::Seconds(10);  // the relay waits out the pause below
  redis::Client redis(slow);
  RelayOptions options;
  options.source = "dossier";
  Relay relay(database.db(), redis, options, RealClock::Get());
  ASSERT_TRUE(relay.FollowRedisRestart().ok());  // so the next round goes straight to reading

  Event late = NewEvent("t", "dossier/late", "{}", *RealClock::Get());
  Event early = NewEvent("t", "dossier/early", "{}", *RealClock::Get());
  absl::Notification late_inserted, commit_late;
  std::thread writer([&] {
    EXPECT_TRUE(database.db().Write([&](sql::Session& s) -> absl::Status {
                  if (auto a = Append(s, late); !a.ok()) return a;  // takes the lower seq
                  late_inserted.Notify();
                  commit_late.WaitForNotification();
                  return absl::OkStatus();
                }).ok());
  });
  late_inserted.WaitForNotification();
  ASSERT_TRUE(database.db().Write([&](sql::Session& s) { return Append(s, early); }).ok());

  server.Pause();  // the relay reads the committed row, then waits in XADD
  absl::StatusOr<int> first;
  std::thread round([&] { first = relay.RelayOnce(); });
  absl::SleepFor(absl::Milliseconds(300));
  commit_late.Notify();  // the lower seq commits between the read and the mark
  writer.join();
  server.Resume();
  round.join();
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, 1);
  EXPECT_EQ(*relay.PendingCount(), 1);  // the late row is still pending, not marked as sent
  EXPECT_EQ(*relay.RelayOnce(), 1);
  EXPECT_EQ(*relay.PendingCount(), 0);
}

}  // namespace

LASO_ON_BOTH_ENGINES(RelayTest);

}  // namespace laso::outbox
