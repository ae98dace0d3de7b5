// Leases on both engines: one holder among every process on a database, freed
// at once when the holder dies, and the keeper that runs singleton work only in
// the holder.
#include "common/sql/lease.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>

#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "common/sql/lease_keeper.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"

namespace laso::sql {
namespace {

class LeaseFixture {
 public:
  explicit LeaseFixture(Engine engine) : database_(engine, dir_.path(), "lease") {}

 protected:
  std::unique_ptr<Lease> Open(const std::string& name = "singletons") {
    auto lease = database_.db().OpenLease(name);
    EXPECT_TRUE(lease.ok()) << lease.status();
    return lease.ok() ? std::move(*lease) : nullptr;
  }
  bool Holds(Lease& lease) {
    auto held = lease.TryHold();
    return held.ok() && *held;
  }
  // Polls until `lease` is held, for at most `within`.
  bool HoldsWithin(Lease& lease, absl::Duration within) {
    absl::Time until = absl::Now() + within;
    while (absl::Now() < until) {
      if (Holds(lease)) return true;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return false;
  }

  testing::TempDir dir_;
  testing::TestDatabase database_;
};

class LeaseTest : public ::testing::TestWithParam<Engine>, public LeaseFixture {
 protected:
  LeaseTest() : LeaseFixture(GetParam()) {}
};

// On PostgreSQL the lease lives on a connection, which the server or the network can end.
class PgLeaseTest : public ::testing::Test, public LeaseFixture {
 protected:
  PgLeaseTest() : LeaseFixture(Engine::kPostgres) {}
};

TEST_P(LeaseTest, OneHolderAtATime) {
  auto a = Open(), b = Open();
  EXPECT_TRUE(Holds(*a));
  EXPECT_TRUE(Holds(*a)) << "holding again is still holding";
  EXPECT_FALSE(Holds(*b));
  a->Release();
  EXPECT_TRUE(Holds(*b));
  EXPECT_FALSE(Holds(*a));
}

TEST_P(LeaseTest, LeasesOfDifferentNamesAreIndependent) {
  auto relay = Open("feedback"), other = Open("billing");
  EXPECT_TRUE(Holds(*relay));
  EXPECT_TRUE(Holds(*other));
}

TEST_P(LeaseTest, AHolderThatIsKilledFreesItAtOnce) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // another replica: takes the lease, says so, and waits to be killed
    close(ready[0]);
    auto db = database_.OpenAnother(1);
    auto lease = db->OpenLease("singletons");
    char ok = lease.ok() && lease.value()->TryHold().value_or(false) ? 'y' : 'n';
    (void)!write(ready[1], &ok, 1);
    pause();
    _exit(0);
  }
  close(ready[1]);
  char ok = 0;
  ASSERT_EQ(read(ready[0], &ok, 1), 1);
  close(ready[0]);
  ASSERT_EQ(ok, 'y');
  auto mine = Open();
  EXPECT_FALSE(Holds(*mine)) << "the other process holds it";
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  absl::Time killed = absl::Now();
  EXPECT_TRUE(HoldsWithin(*mine, absl::Seconds(5)));
  EXPECT_LT(absl::Now() - killed, absl::Seconds(2));
}

TEST_F(PgLeaseTest, AHolderCutOffFromTheServerLearnsItAndAnotherTakesOver) {
  auto a = Open();
  ASSERT_TRUE(Holds(*a));
  database_.DropConnections();  // as a server restart or a network failure would
  auto b = Open();
  EXPECT_TRUE(HoldsWithin(*b, absl::Seconds(5)));
  EXPECT_FALSE(Holds(*a)) << "the lease went with its connection";
}

// Two replicas' keepers on one database: the work runs in exactly one, and moves when that one stops.
TEST_P(LeaseTest, KeepersRunTheWorkInOneReplicaAndHandItOver) {
  std::atomic<int> running{0}, most{0}, starts{0};
  auto keeper = [&](std::unique_ptr<Lease> lease) {
    auto k = std::make_unique<LeaseKeeper>("test", std::move(lease), absl::Milliseconds(20));
    k->Add(
        [&] {
          ++starts;
          int now = ++running;
          int seen = most.load();
          while (now > seen && !most.compare_exchange_weak(seen, now)) {
          }
        },
        [&] { --running; });
    return k;
  };
  auto first = keeper(Open()), second = keeper(Open());
  first->Start();
  second->Start();
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(running.load(), 1);
  EXPECT_EQ(starts.load(), 1);
  EXPECT_NE(first->held(), second->held());
  LeaseKeeper& holder = first->held() ? *first : *second;
  LeaseKeeper& other = first->held() ? *second : *first;
  holder.Stop();
  absl::Time until = absl::Now() + absl::Seconds(5);
  while (!other.held() && absl::Now() < until) absl::SleepFor(absl::Milliseconds(10));
  EXPECT_TRUE(other.held());
  EXPECT_EQ(running.load(), 1);
  EXPECT_EQ(starts.load(), 2);
  other.Stop();
  EXPECT_EQ(running.load(), 0);
  EXPECT_EQ(most.load(), 1) << "never two at once";
}

LASO_ON_BOTH_ENGINES(LeaseTest);

}  // namespace
}  // namespace laso::sql
