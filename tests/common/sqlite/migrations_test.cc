#include "common/sqlite/migrations.h"

#include <thread>

#include <gtest/gtest.h>

#include "common/testing/temp_dir.h"

namespace laso::sqlite {
namespace {

const Migration kDossier[] = {
    {1, "dossiers", "CREATE TABLE dossiers (code TEXT PRIMARY KEY, status INTEGER NOT NULL)"},
    {2, "due date", "ALTER TABLE dossiers ADD COLUMN due_at TEXT"},
};

TEST(MigrationsTest, AppliesInOrderAndRecordsTheVersion) {
  testing::TempDir dir;
  auto conn = std::move(*Connection::Open({.path = dir.File("m.db")}));
  EXPECT_EQ(*SchemaVersion(*conn, "dossier"), 0);
  ASSERT_TRUE(Migrate(*conn, "dossier", kDossier).ok());
  EXPECT_EQ(*SchemaVersion(*conn, "dossier"), 2);
  EXPECT_TRUE(conn->Execute("INSERT INTO dossiers (code, status, due_at) VALUES ('x', 1, 'y')").ok());
}

TEST(MigrationsTest, ApplyingTwiceIsANoOp) {
  testing::TempDir dir;
  auto conn = std::move(*Connection::Open({.path = dir.File("m.db")}));
  ASSERT_TRUE(Migrate(*conn, "dossier", kDossier).ok());
  // ALTER TABLE ADD COLUMN would fail if it ran again.
  ASSERT_TRUE(Migrate(*conn, "dossier", kDossier).ok());
  auto stmt = conn->Prepare("SELECT COUNT(*) FROM schema_migrations WHERE component = 'dossier'");
  ASSERT_TRUE(*(*stmt)->Step());
  EXPECT_EQ((*stmt)->Int(0), 2);
}

TEST(MigrationsTest, NewMigrationsApplyOnTheNextStart) {
  testing::TempDir dir;
  {
    auto conn = std::move(*Connection::Open({.path = dir.File("m.db")}));
    ASSERT_TRUE(Migrate(*conn, "dossier", absl::MakeConstSpan(kDossier, 1)).ok());
  }
  auto conn = std::move(*Connection::Open({.path = dir.File("m.db")}));
  EXPECT_EQ(*SchemaVersion(*conn, "dossier"), 1);
  ASSERT_TRUE(Migrate(*conn, "dossier", kDossier).ok());
  EXPECT_EQ(*SchemaVersion(*conn, "dossier"), 2);
}

TEST(MigrationsTest, ComponentsAreIndependent) {
  testing::TempDir dir;
  auto conn = std::move(*Connection::Open({.path = dir.File("m.db")}));
  const Migration outbox[] = {{1, "outbox", "CREATE TABLE outbox_x (id INTEGER)"}};
  ASSERT_TRUE(Migrate(*conn, "dossier", kDossier).ok());
  ASSERT_TRUE(Migrate(*conn, "outbox", outbox).ok());
  EXPECT_EQ(*SchemaVersion(*conn, "dossier"), 2);
  EXPECT_EQ(*SchemaVersion(*conn, "outbox"), 1);
}

TEST(MigrationsTest, AFailingMigrationLeavesNoTrace) {
  testing::TempDir dir;
  auto conn = std::move(*Connection::Open({.path = dir.File("m.db")}));
  const Migration broken[] = {{1, "ok", "CREATE TABLE a (x INTEGER)"},
                              {2, "broken", "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1)"}};
  absl::Status s = Migrate(*conn, "x", broken);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("broken"), std::string::npos);
  EXPECT_EQ(*SchemaVersion(*conn, "x"), 1);
  EXPECT_FALSE(conn->Prepare("SELECT * FROM b").ok());  // rolled back with its migration
}

TEST(MigrationsTest, RefusesGapsInNumbering) {
  testing::TempDir dir;
  auto conn = std::move(*Connection::Open({.path = dir.File("m.db")}));
  const Migration gap[] = {{1, "a", "SELECT 1"}, {3, "c", "SELECT 1"}};
  EXPECT_FALSE(Migrate(*conn, "x", gap).ok());
}

TEST(MigrationsTest, TwoProcessesStartingAtOnceApplyEachMigrationOnce) {
  testing::TempDir dir;
  std::string path = dir.File("m.db");
  { auto init = Connection::Open({.path = path}); }
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto conn = Connection::Open({.path = path});
      if (!conn.ok() || !Migrate(**conn, "dossier", kDossier).ok()) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  auto conn = std::move(*Connection::Open({.path = path}));
  EXPECT_EQ(*SchemaVersion(*conn, "dossier"), 2);
}

}  // namespace
}  // namespace laso::sqlite
