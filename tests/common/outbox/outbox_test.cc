#include "common/outbox/outbox.h"

#include <gtest/gtest.h>

#include "common/sqlite/pool.h"
#include "common/sqlite/transaction.h"
#include "common/testing/temp_dir.h"

namespace laso::outbox {
namespace {

int64_t CountRows(sqlite::Connection& conn, const char* sql) {
  auto stmt = conn.Prepare(sql);
  EXPECT_TRUE(*(*stmt)->Step());
  int64_t n = (*stmt)->Int(0);
  (*stmt)->Reset();
  return n;
}

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_ = std::move(*sqlite::Connection::Open({.path = dir_.File("svc.db")}));
    ASSERT_TRUE(sqlite::Migrate(*conn_, "outbox", Migrations()).ok());
    ASSERT_TRUE(conn_->Exec("CREATE TABLE dossiers (code TEXT PRIMARY KEY, status INTEGER)").ok());
  }
  testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  std::unique_ptr<sqlite::Connection> conn_;
};

TEST_F(OutboxTest, EventCommitsWithTheChange) {
  auto tx = sqlite::Transaction::Begin(*conn_);
  ASSERT_TRUE(conn_->Execute("INSERT INTO dossiers VALUES ('H15-1', 4)").ok());
  ASSERT_TRUE(Append(*conn_, NewEvent("dossier.status_changed", "dossier/H15-1", R"({"status":4})", clock_)).ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(CountRows(*conn_, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL"), 1);
}

TEST_F(OutboxTest, EventRollsBackWithTheChange) {
  {
    auto tx = sqlite::Transaction::Begin(*conn_);
    ASSERT_TRUE(conn_->Execute("INSERT INTO dossiers VALUES ('H15-1', 4)").ok());
    ASSERT_TRUE(Append(*conn_, NewEvent("dossier.status_changed", "dossier/H15-1", "{}", clock_)).ok());
  }  // no commit
  EXPECT_EQ(CountRows(*conn_, "SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_EQ(CountRows(*conn_, "SELECT COUNT(*) FROM dossiers"), 0);
}

TEST_F(OutboxTest, EventIdsAreUnique) {
  Event e = NewEvent("t", "s", "{}", clock_);
  ASSERT_TRUE(Append(*conn_, e).ok());
  EXPECT_EQ(Append(*conn_, e).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(NewEvent("t", "s", "{}", clock_).id, e.id);
}

}  // namespace
}  // namespace laso::outbox
