#include "common/sqlite/transaction.h"

#include <gtest/gtest.h>

#include "common/testing/temp_dir.h"

namespace laso::sqlite {
namespace {

int64_t Count(Connection& conn) {
  auto stmt = conn.Prepare("SELECT COUNT(*) FROM t");
  EXPECT_TRUE(*(*stmt)->Step());
  int64_t n = (*stmt)->Int(0);
  (*stmt)->Reset();
  return n;
}

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_ = std::move(*Connection::Open({.path = dir_.File("t.db")}));
    ASSERT_TRUE(conn_->Exec("CREATE TABLE t (v INTEGER)").ok());
  }
  testing::TempDir dir_;
  std::unique_ptr<Connection> conn_;
};

TEST_F(TransactionTest, CommitKeepsTheWrites) {
  {
    auto tx = Transaction::Begin(*conn_);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(conn_->Execute("INSERT INTO t VALUES (1)").ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(Count(*conn_), 1);
}

absl::Status InsertTwoThenFail(Connection& conn) {
  auto tx = Transaction::Begin(conn);
  if (!tx.ok()) return tx.status();
  if (auto s = conn.Execute("INSERT INTO t VALUES (1)"); !s.ok()) return s;
  if (auto s = conn.Execute("INSERT INTO t VALUES (2)"); !s.ok()) return s;
  return absl::InvalidArgumentError("validation failed after writing");  // no Commit
}

TEST_F(TransactionTest, LeavingScopeWithoutCommitRollsBack) {
  EXPECT_FALSE(InsertTwoThenFail(*conn_).ok());
  EXPECT_EQ(Count(*conn_), 0);
  // The connection is usable afterwards.
  auto tx = Transaction::Begin(*conn_);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_FALSE(tx->Commit().ok());
}

TEST_F(TransactionTest, ImmediateTakesTheWriteLockAtOnce) {
  auto other = std::move(*Connection::Open({.path = dir_.File("t.db"), .busy_timeout = absl::Milliseconds(50)}));
  auto tx = Transaction::Begin(*conn_);
  ASSERT_TRUE(tx.ok());
  auto second = Transaction::Begin(*other);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_TRUE(Transaction::Begin(*other).ok());
}

}  // namespace
}  // namespace laso::sqlite
