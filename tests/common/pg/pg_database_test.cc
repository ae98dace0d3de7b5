// What only a server engine has: real concurrent writers, conflicts the server
// breaks, lost connections, timeouts.
#include "common/pg/pg_database.h"

#include <gtest/gtest.h>

#include <thread>

#include "absl/synchronization/notification.h"
#include "common/pg/errors.h"
#include "common/sql/rows.h"
#include "common/status/status.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"

namespace laso::pg {
namespace {

class PgDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(sql::WriteOne(db(), "CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)").ok());
    ASSERT_TRUE(sql::WriteOne(db(), "INSERT INTO accounts VALUES (1, 100), (2, 100)").ok());
  }
  sql::Database& db() { return database_.db(); }
  std::unique_ptr<PgDatabase> Open(Options options) {
    options.uri = database_.location();
    auto db = PgDatabase::Open(options);
    EXPECT_TRUE(db.ok()) << db.status();
    return std::move(*db);
  }

  testing::TempDir dir_;
  testing::TestDatabase database_{sql::Engine::kPostgres, dir_.path(), "pg"};
};

TEST_F(PgDatabaseTest, WritersRunSideBySideWithNoSingleWriterLock) {
  auto pool = Open({.pool_size = 4});
  absl::Notification first_inside, second_done;
  std::thread first([&] {
    EXPECT_TRUE(pool->Write([&](sql::Session& s) -> absl::Status {
                      auto n = s.Execute("UPDATE accounts SET balance = balance + 1 WHERE id = 1");
                      first_inside.Notify();
                      // Still inside its transaction when another writer commits.
                      EXPECT_TRUE(second_done.WaitForNotificationWithTimeout(absl::Seconds(10)));
                      return n.status();
                    }).ok());
  });
  first_inside.WaitForNotification();
  EXPECT_TRUE(pool->Write([](sql::Session& s) {
                      return s.Execute("UPDATE accounts SET balance = balance + 1 WHERE id = 2").status();
                    }).ok());
  second_done.Notify();
  first.join();
}

TEST_F(PgDatabaseTest, ADeadlockIsBrokenByTheServerAndTheLoserRunsAgain) {
  auto pool = Open({.pool_size = 4});
  absl::Notification a_locked, b_locked;
  auto transfer = [&](int from, int to, absl::Notification& mine, absl::Notification& theirs) {
    bool first_try = true;
    return pool->Write([&](sql::Session& s) -> absl::Status {
      auto n = s.Execute("UPDATE accounts SET balance = balance - 10 WHERE id = $1", from);
      if (!n.ok()) return n.status();
      if (first_try) {  // both hold one row and want the other's: a deadlock, once
        first_try = false;
        mine.Notify();
        theirs.WaitForNotification();
      }
      return s.Execute("UPDATE accounts SET balance = balance + 10 WHERE id = $1", to).status();
    });
  };
  absl::Status a, b;
  std::thread ta([&] { a = transfer(1, 2, a_locked, b_locked); });
  std::thread tb([&] { b = transfer(2, 1, b_locked, a_locked); });
  ta.join();
  tb.join();
  EXPECT_TRUE(a.ok()) << a;
  EXPECT_TRUE(b.ok()) << b;
  EXPECT_GE(pool->conflict_retries(), 1);
  EXPECT_EQ(*sql::ReadValue<int64_t>(db(), [](sql::Session& s) {
              return s.QueryInt("SELECT SUM(balance) FROM accounts", -1);
            }),
            200);
}

TEST_F(PgDatabaseTest, ALostConnectionIsUnavailableOnceThenThePoolReconnects) {
  auto pool = Open({.pool_size = 1});
  ASSERT_TRUE(sql::WriteOne(*pool, "UPDATE accounts SET balance = 1 WHERE id = 1").ok());
  database_.DropConnections();
  auto lost = sql::WriteOne(*pool, "UPDATE accounts SET balance = 2 WHERE id = 1");
  EXPECT_EQ(lost.status().code(), absl::StatusCode::kUnavailable) << lost.status();
  auto again = sql::WriteOne(*pool, "UPDATE accounts SET balance = 3 WHERE id = 1");
  EXPECT_TRUE(again.ok()) << again.status();
}

TEST_F(PgDatabaseTest, AStatementOverTheTimeoutIsCancelled) {
  auto pool = Open({.statement_timeout = absl::Milliseconds(100)});
  auto slow = sql::ReadValue<int64_t>(*pool, [](sql::Session& s) {
    return s.QueryInt("SELECT 1 FROM pg_sleep(2)", 0);
  });
  EXPECT_EQ(slow.status().code(), absl::StatusCode::kDeadlineExceeded) << slow.status();
}

TEST(PgErrorsTest, SqlStatesMapToWhatACallerCanActOn) {
  EXPECT_EQ(StatusFromSqlState("23505", "dup").code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(StatusFromSqlState("23503", "fk").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(StatusFromSqlState("40001", "serialization")), kConflictReason);
  EXPECT_EQ(ReasonOf(StatusFromSqlState("40P01", "deadlock")), kConflictReason);
  for (const char* full : {"53100", "53200"}) {
    absl::Status s = StatusFromSqlState(full, "disk full");
    EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
    EXPECT_EQ(ReasonOf(s), "STORAGE_FULL");
    EXPECT_EQ(s.message().find("disk full"), std::string::npos);  // the detail is for the log, not the caller
  }
  EXPECT_EQ(ReasonOf(StatusFromSqlState("08006", "gone")), "STORAGE_ERROR");
  EXPECT_EQ(StatusFromSqlState("57014", "timeout").code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(StatusFromSqlState("22021", "bad utf8").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StatusFromSqlState("XX001", "corrupt").code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace laso::pg
