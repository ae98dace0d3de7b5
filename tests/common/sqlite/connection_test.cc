#include "common/sqlite/connection.h"

#include <gtest/gtest.h>

#include "common/testing/temp_dir.h"

namespace laso::sqlite {
namespace {

std::unique_ptr<Connection> OpenIn(const testing::TempDir& dir, Synchronous sync = Synchronous::kFull) {
  auto conn = Connection::Open({.path = dir.File("test.db"), .synchronous = sync});
  EXPECT_TRUE(conn.ok()) << conn.status();
  return std::move(*conn);
}

std::string PragmaText(Connection& conn, const std::string& pragma) {
  auto stmt = conn.Prepare("PRAGMA " + pragma);
  EXPECT_TRUE(stmt.ok());
  EXPECT_TRUE(*(*stmt)->Step());
  std::string value = (*stmt)->Text(0);
  (*stmt)->Reset();
  return value;
}

TEST(ConnectionTest, OpensARealFileInWalModeWithTheChosenSynchronous) {
  testing::TempDir dir;
  auto conn = OpenIn(dir, Synchronous::kFull);
  EXPECT_EQ(PragmaText(*conn, "journal_mode"), "wal");
  EXPECT_EQ(PragmaText(*conn, "synchronous"), "2");  // FULL
  EXPECT_EQ(PragmaText(*conn, "foreign_keys"), "1");
  auto normal = Connection::Open({.path = dir.File("other.db"), .synchronous = Synchronous::kNormal});
  EXPECT_EQ(PragmaText(**normal, "synchronous"), "1");
}

TEST(ConnectionTest, BindsEveryTypeAndReadsItBack) {
  testing::TempDir dir;
  auto conn = OpenIn(dir);
  ASSERT_TRUE(conn->Exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)").ok());
  std::string blob("\x00\x01\xff", 3);
  std::optional<std::string> none;
  ASSERT_TRUE(conn->Execute("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)", int64_t{9007199254740993}, 2.5,
                            "Nguyễn Văn An", Blob{blob}, none)
                  .ok());
  auto stmt = conn->Prepare("SELECT i, d, s, b, n FROM t");
  ASSERT_TRUE(stmt.ok());
  ASSERT_TRUE(*(*stmt)->Step());
  EXPECT_EQ((*stmt)->Int(0), 9007199254740993);
  EXPECT_EQ((*stmt)->Double(1), 2.5);
  EXPECT_EQ((*stmt)->Text(2), "Nguyễn Văn An");
  EXPECT_EQ((*stmt)->BlobAt(3), blob);
  EXPECT_TRUE((*stmt)->IsNull(4));
  EXPECT_FALSE(*(*stmt)->Step());
}

TEST(ConnectionTest, HostileTextIsStoredVerbatim) {
  testing::TempDir dir;
  auto conn = OpenIn(dir);
  ASSERT_TRUE(conn->Exec("CREATE TABLE t (s TEXT)").ok());
  std::string evil = "'); DROP TABLE t; --";
  ASSERT_TRUE(conn->Execute("INSERT INTO t VALUES (?1)", evil).ok());
  auto stmt = conn->Prepare("SELECT s FROM t");
  ASSERT_TRUE(*(*stmt)->Step());
  EXPECT_EQ((*stmt)->Text(0), evil);
}

TEST(ConnectionTest, StatementsAreCached) {
  testing::TempDir dir;
  auto conn = OpenIn(dir);
  auto a = conn->Prepare("SELECT 1");
  auto b = conn->Prepare("SELECT 1");
  EXPECT_EQ(*a, *b);
}

TEST(ConnectionTest, ErrorsMapToUsefulCodes) {
  testing::TempDir dir;
  auto conn = OpenIn(dir);
  ASSERT_TRUE(conn->Exec("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)").ok());
  ASSERT_TRUE(conn->Execute("INSERT INTO t VALUES (?1, ?2)", "a", "1").ok());
  EXPECT_EQ(conn->Execute("INSERT INTO t VALUES (?1, ?2)", "a", "2").code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(conn->Execute("INSERT INTO t VALUES (?1, ?2)", "b", nullptr).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(conn->Prepare("SELEC nonsense").ok());
  EXPECT_EQ(conn->Changes(), 0);
}

TEST(ConnectionTest, RefusesAPathItCannotCreate) {
  auto conn = Connection::Open({.path = "/nonexistent-dir/x.db"});
  EXPECT_EQ(conn.status().code(), absl::StatusCode::kUnavailable);
}

TEST(ConnectionTest, ParsesSynchronousNames) {
  EXPECT_EQ(*ParseSynchronous("FULL"), Synchronous::kFull);
  EXPECT_EQ(*ParseSynchronous("normal"), Synchronous::kNormal);
  EXPECT_FALSE(ParseSynchronous("fast").ok());
}

}  // namespace
}  // namespace laso::sqlite
