// The relay through a Redis failover to a replica that missed the last
// writes: a primary, its replica and three sentinels on loopback. The replica
// is frozen and cut off while the relay publishes two more events, then the
// primary is killed and the replica, promoted, lacks them. The relay notices the
// new server (its run id) and publishes its replay window again, so every
// event reaches the stream that consumers now read.
#include <gtest/gtest.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/outbox/outbox.h"
#include "common/outbox/relay.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/redis_server.h"
#include "common/testing/temp_dir.h"

namespace laso::outbox {
namespace {

class RelayFailoverTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  RelayFailoverTest() : replica_({"--replicaof", "127.0.0.1", absl::StrCat(primary_.port())}) {
    for (int i = 0; i < 3; ++i) sentinels_.push_back(std::make_unique<testing::RedisSentinel>(primary_.port()));
  }
  void SetUp() override { ASSERT_TRUE(database_.db().Migrate("outbox", Migrations()).ok()); }

  redis::Options ThroughSentinels() const {
    redis::Options o;
    for (const auto& s : sentinels_) o.sentinels.push_back({"127.0.0.1", s->port()});
    o.breaker_cooldown = absl::Milliseconds(100);
    return o;
  }
  std::vector<std::string> Produce(int n, const std::string& prefix) {
    std::vector<std::string> ids;
    EXPECT_TRUE(database_.db()
                    .Write([&](sql::Session& s) -> absl::Status {
                      ids.clear();
                      for (int i = 0; i < n; ++i) {
                        Event e = NewEvent("feedback.received", absl::StrCat("feedback/", prefix, i), "{}",
                                           *RealClock::Get());
                        if (auto a = Append(s, e); !a.ok()) return a;
                        ids.push_back(e.id);
                      }
                      return absl::OkStatus();
                    })
                    .ok());
    return ids;
  }
  static std::set<std::string> StreamIds(redis::Client& redis) {
    std::set<std::string> ids;
    auto entries = redis.Run({"XRANGE", "laso:events", "-", "+"});
    if (!entries.ok()) return ids;
    for (const auto& entry : entries->elements) {
      const auto& fields = entry.elements[1].elements;
      for (size_t i = 0; i + 1 < fields.size(); i += 2) {
        if (fields[i].str == "id") ids.insert(fields[i + 1].str);
      }
    }
    return ids;
  }
  // Until the replica has everything the primary has and the sentinels know it.
  void WaitReplicated() {
    redis::Client primary(primary_.ClientOptions());
    redis::Client sentinel(redis::Options{.host = "127.0.0.1", .port = sentinels_[0]->port()});
    absl::Time until = absl::Now() + absl::Seconds(20);
    bool synced = false;
    while (absl::Now() < until && !synced) {
      auto acked = primary.Run({"WAIT", "1", "200"});
      synced = acked.ok() && acked->integer >= 1;
    }
    while (absl::Now() < until) {
      auto replicas = sentinel.Run({"SENTINEL", "replicas", "laso"});
      if (synced && replicas.ok() && !replicas->elements.empty()) return;
      absl::SleepFor(absl::Milliseconds(50));
    }
    FAIL() << "the replica never caught up";
  }

  testing::TempDir dir_;
  testing::TestDatabase database_{GetParam(), dir_.path(), "svc"};
  testing::RedisServer primary_;
  testing::RedisServer replica_;
  std::vector<std::unique_ptr<testing::RedisSentinel>> sentinels_;
};

TEST_P(RelayFailoverTest, EventsTheNewPrimaryMissedArePublishedAgain) {
  redis::Client redis(ThroughSentinels());
  RelayOptions options;
  options.poll_interval = absl::Milliseconds(20);
  options.source = "feedback";
  Relay relay(database_.db(), redis, options, RealClock::Get());

  std::vector<std::string> replicated = Produce(3, "a");
  ASSERT_EQ(*relay.RelayOnce(), 3);
  WaitReplicated();
  replica_.Pause();  // the replica misses what comes next: frozen, and cut off by the primary
  ASSERT_TRUE(redis::Client(primary_.ClientOptions()).Run({"CLIENT", "KILL", "TYPE", "replica"}).ok());
  std::vector<std::string> missed = Produce(2, "b");
  ASSERT_EQ(*relay.RelayOnce(), 2);  // acknowledged by the primary only
  primary_.Kill();
  replica_.Resume();

  std::vector<std::string> after = Produce(1, "c");  // written during the failover
  relay.Start();
  std::set<std::string> want(replicated.begin(), replicated.end());
  want.insert(missed.begin(), missed.end());
  want.insert(after.begin(), after.end());
  absl::Time until = absl::Now() + absl::Seconds(30);
  std::set<std::string> got;
  while (absl::Now() < until && got != want) {
    absl::SleepFor(absl::Milliseconds(100));
    got = StreamIds(redis);
  }
  relay.Stop();
  EXPECT_EQ(got, want) << "the stream on the promoted replica lacks events";
  EXPECT_EQ(*relay.PendingCount(), 0);
}

LASO_ON_BOTH_ENGINES(RelayFailoverTest);

}  // namespace
}  // namespace laso::outbox
