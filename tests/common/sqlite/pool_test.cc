#include "common/sqlite/pool.h"

#include <thread>

#include <gtest/gtest.h>

#include "common/sqlite/transaction.h"
#include "common/testing/temp_dir.h"

namespace laso::sqlite {
namespace {

TEST(PoolTest, ReadersSeeCommittedWritesAndCannotWrite) {
  testing::TempDir dir;
  auto pool = std::move(*Pool::Open({.path = dir.File("p.db")}, 2));
  {
    auto w = pool->Writer();
    ASSERT_TRUE(w->Exec("CREATE TABLE t (v INTEGER)").ok());
    ASSERT_TRUE(w->Execute("INSERT INTO t VALUES (?1)", 7).ok());
  }
  auto r = pool->Reader();
  ASSERT_TRUE(r.ok());
  auto stmt = (*r)->Prepare("SELECT v FROM t");
  ASSERT_TRUE(*(*stmt)->Step());
  EXPECT_EQ((*stmt)->Int(0), 7);
  (*stmt)->Reset();
  EXPECT_FALSE((*r)->Execute("INSERT INTO t VALUES (1)").ok());
}

TEST(PoolTest, ReadersRunBesideAnOpenWriteTransaction) {
  testing::TempDir dir;
  auto pool = std::move(*Pool::Open({.path = dir.File("p.db")}, 2));
  {
    auto w = pool->Writer();
    ASSERT_TRUE(w->Exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);").ok());
  }
  auto w = pool->Writer();
  auto tx = Transaction::Begin(*w);
  ASSERT_TRUE(w->Execute("INSERT INTO t VALUES (2)").ok());
  std::thread reader([&] {
    auto r = pool->Reader();
    auto stmt = (*r)->Prepare("SELECT COUNT(*) FROM t");
    ASSERT_TRUE(*(*stmt)->Step());
    EXPECT_EQ((*stmt)->Int(0), 1);  // snapshot without the uncommitted row
    (*stmt)->Reset();
  });
  reader.join();
  ASSERT_TRUE(tx->Commit().ok());
}

TEST(PoolTest, WritersTakeTurns) {
  testing::TempDir dir;
  auto pool = std::move(*Pool::Open({.path = dir.File("p.db")}, 2));
  {
    auto w = pool->Writer();
    ASSERT_TRUE(w->Exec("CREATE TABLE t (v INTEGER)").ok());
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto w = pool->Writer();
        auto tx = Transaction::Begin(*w);
        ASSERT_TRUE(tx.ok());
        ASSERT_TRUE(w->Execute("INSERT INTO t VALUES (?1)", i).ok());
        ASSERT_TRUE(tx->Commit().ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  auto r = pool->Reader();
  auto stmt = (*r)->Prepare("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(*(*stmt)->Step());
  EXPECT_EQ((*stmt)->Int(0), 200);
}

}  // namespace
}  // namespace laso::sqlite
