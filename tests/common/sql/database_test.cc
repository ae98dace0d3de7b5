// The contract every engine keeps, run on SQLite and on PostgreSQL.
#include "common/sql/database.h"

#include <gtest/gtest.h>

#include <limits>
#include <thread>
#include <vector>

#include "common/sql/rows.h"
#include "common/status/status.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"

namespace laso::sql {
namespace {

const Migration kMigrations[] = {
    {1, "values", "CREATE TABLE v (k TEXT PRIMARY KEY, i INTEGER, d REAL, t TEXT, b BLOB);"},
    {2, "a counter", "CREATE TABLE counter (name TEXT PRIMARY KEY, n INTEGER NOT NULL);"},
};

class DatabaseTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override { ASSERT_TRUE(db().Migrate("test", kMigrations).ok()); }
  Database& db() { return database_.db(); }

  testing::TempDir dir_;
  testing::TestDatabase database_{GetParam(), dir_.path(), "test"};
};

TEST_P(DatabaseTest, ValuesComeBackExactly) {
  const std::string blob("\0\x01\xff\x80 bytes\0", 10);
  const std::string text = "Phường Tân An, tỉnh Tây Ninh — 1022";
  ASSERT_TRUE(db().Write([&](Session& s) -> absl::Status {
                    auto a = s.Execute("INSERT INTO v (k, i, d, t, b) VALUES ($1, $2, $3, $4, $5)", "max",
                                       std::numeric_limits<int64_t>::max(), 106.4123456789, text, Blob{blob});
                    if (!a.ok()) return a.status();
                    auto b = s.Execute("INSERT INTO v (k, i, d, t, b) VALUES ($1, $2, $3, $4, $5)", "min",
                                       std::numeric_limits<int64_t>::min(), -0.5, "", Blob{""});
                    if (!b.ok()) return b.status();
                    return s.Execute("INSERT INTO v (k) VALUES ($1)", "nulls").status();
                  }).ok());
  std::vector<std::string> seen;
  ASSERT_TRUE(ReadEach(db(), "SELECT k, i, d, t, b FROM v ORDER BY k", [&](const Row& r) {
                seen.push_back(r.Text(0));
                if (r.Text(0) == "max") {
                  EXPECT_EQ(r.Int(1), std::numeric_limits<int64_t>::max());
                  EXPECT_DOUBLE_EQ(r.Double(2), 106.4123456789);
                  EXPECT_EQ(r.Text(3), text);
                  EXPECT_EQ(r.Bytes(4), blob);
                } else if (r.Text(0) == "min") {
                  EXPECT_EQ(r.Int(1), std::numeric_limits<int64_t>::min());
                  EXPECT_FALSE(r.IsNull(4));  // an empty blob is not NULL
                  EXPECT_EQ(r.Bytes(4), "");
                } else {
                  EXPECT_TRUE(r.IsNull(1) && r.IsNull(2) && r.IsNull(3) && r.IsNull(4));
                }
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"max", "min", "nulls"}));
}

TEST_P(DatabaseTest, ParametersAreNumberedNotPositional) {
  ASSERT_TRUE(db().Write([&](Session& s) {
                    // $2 before $1, and $1 twice.
                    return s.Execute("INSERT INTO v (t, k, i) VALUES ($2 || $1, $1, $3)", "a", "b", 7).status();
                  }).ok());
  auto t = ReadValue<std::string>(db(), [&](Session& s) -> absl::StatusOr<std::string> {
    std::string out;
    auto found = s.QueryRow("SELECT t FROM v WHERE k = $1 AND i = $2", [&](const Row& r) {
      out = r.Text(0);
      return absl::OkStatus();
    }, "a", 7);
    if (!found.ok()) return found.status();
    return out;
  });
  EXPECT_EQ(*t, "ba");
}

TEST_P(DatabaseTest, WritesSayWhatTheyChanged) {
  auto first = WriteOne(db(), "INSERT INTO v (k, i) VALUES ($1, 1) ON CONFLICT DO NOTHING", "x");
  auto again = WriteOne(db(), "INSERT INTO v (k, i) VALUES ($1, 1) ON CONFLICT DO NOTHING", "x");
  auto none = WriteOne(db(), "UPDATE v SET i = 2 WHERE k = $1", "absent");
  EXPECT_EQ(*first, 1);
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(*none, 0);
  EXPECT_EQ(WriteOne(db(), "INSERT INTO v (k) VALUES ($1)", "x").status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_P(DatabaseTest, AFailedWriteLeavesNothing) {
  auto s = db().Write([&](Session& s) -> absl::Status {
    if (auto n = s.Execute("INSERT INTO v (k) VALUES ('kept?')"); !n.ok()) return n.status();
    return absl::FailedPreconditionError("changed my mind");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*ReadValue<int64_t>(db(), [](Session& s) { return s.QueryInt("SELECT COUNT(*) FROM v", -1); }), 0);
}

TEST_P(DatabaseTest, AnUndecodableRowIsDataLossNotSkipped) {
  ASSERT_TRUE(WriteOne(db(), "INSERT INTO v (k, b) VALUES ('bad', $1)", Blob{"\xff\xff\xff"}).ok());
  struct Strict {  // any message type: bytes that are not a valid protobuf fail to parse
    bool ParseFromString(const std::string& s) { return s.empty(); }
  };
  auto rows = ReadMessages<Strict>(db(), "SELECT b FROM v", 0, "value");
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kDataLoss);
}

TEST_P(DatabaseTest, MigrationsApplyOnceEvenFromTwoProcessesAtOnce) {
  const Migration more[] = {kMigrations[0], kMigrations[1],
                            {3, "a third table", "CREATE TABLE third (id INTEGER PRIMARY KEY, name TEXT);"}};
  std::vector<std::unique_ptr<Database>> replicas;
  for (int i = 0; i < 4; ++i) replicas.push_back(database_.OpenAnother(2));
  std::vector<absl::Status> results(replicas.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < replicas.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = replicas[i]->Migrate("test", more); });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r;
  EXPECT_EQ(*db().SchemaVersion("test"), 3);
  EXPECT_EQ(*ReadValue<int64_t>(db(), [](Session& s) {
              return s.QueryInt("SELECT COUNT(*) FROM schema_migrations WHERE component = 'test'", -1);
            }),
            3);
  // The identity column numbers itself.
  ASSERT_TRUE(WriteOne(db(), "INSERT INTO third (name) VALUES ('a')").ok());
  EXPECT_EQ(*ReadValue<int64_t>(db(), [](Session& s) { return s.QueryInt("SELECT id FROM third", -1); }), 1);
}

TEST_P(DatabaseTest, ALockedReadThenWriteLosesNoUpdateUnderConcurrentWriters) {
  ASSERT_TRUE(WriteOne(db(), "INSERT INTO counter (name, n) VALUES ('c', 0)").ok());
  constexpr int kThreads = 6, kEach = 25;
  std::vector<std::unique_ptr<Database>> replicas;
  for (int i = 0; i < kThreads; ++i) replicas.push_back(database_.OpenAnother(2));
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto s = replicas[t]->Write([](Session& s) -> absl::Status {
          if (auto l = s.Lock("counter/c"); !l.ok()) return l;
          auto n = s.QueryInt("SELECT n FROM counter WHERE name = 'c'", -1);
          if (!n.ok()) return n.status();
          return s.Execute("UPDATE counter SET n = $1 WHERE name = 'c'", *n + 1).status();
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(*ReadValue<int64_t>(db(), [](Session& s) { return s.QueryInt("SELECT n FROM counter", -1); }),
            kThreads * kEach);
}

LASO_ON_BOTH_ENGINES(DatabaseTest);

}  // namespace
}  // namespace laso::sql
