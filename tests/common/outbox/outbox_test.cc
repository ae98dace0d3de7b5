#include "common/outbox/outbox.h"

#include <gtest/gtest.h>

#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"

namespace laso::outbox {
namespace {

class OutboxTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().Migrate("outbox", Migrations()).ok());
    ASSERT_TRUE(db().Write([](sql::Session& s) {
                      return s.Execute("CREATE TABLE dossiers (code TEXT PRIMARY KEY, status INTEGER)").status();
                    }).ok());
  }
  sql::Database& db() { return database_.db(); }
  int64_t Count(const char* sql) {
    int64_t n = -1;
    EXPECT_TRUE(db().Read([&](sql::Session& s) -> absl::Status {
                      auto v = s.QueryInt(sql, -1);
                      n = v.value_or(-1);
                      return v.status();
                    }).ok());
    return n;
  }

  testing::TempDir dir_;
  testing::TestDatabase database_{GetParam(), dir_.path(), "svc"};
  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
};

TEST_P(OutboxTest, EventCommitsWithTheChange) {
  ASSERT_TRUE(db().Write([&](sql::Session& s) -> absl::Status {
                    if (auto n = s.Execute("INSERT INTO dossiers VALUES ('H15-1', 4)"); !n.ok()) return n.status();
                    return Append(s, NewEvent("dossier.status_changed", "dossier/H15-1", R"({"status":4})", clock_));
                  }).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL"), 1);
}

TEST_P(OutboxTest, EventRollsBackWithTheChange) {
  auto s = db().Write([&](sql::Session& s) -> absl::Status {
    if (auto n = s.Execute("INSERT INTO dossiers VALUES ('H15-1', 4)"); !n.ok()) return n.status();
    if (auto a = Append(s, NewEvent("dossier.status_changed", "dossier/H15-1", "{}", clock_)); !a.ok()) return a;
    return absl::AbortedError("the change fails after its event was written");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM dossiers"), 0);
}

TEST_P(OutboxTest, EventIdsAreUnique) {
  Event e = NewEvent("t", "s", "{}", clock_);
  ASSERT_TRUE(db().Write([&](sql::Session& s) { return Append(s, e); }).ok());
  EXPECT_EQ(db().Write([&](sql::Session& s) { return Append(s, e); }).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(NewEvent("t", "s", "{}", clock_).id, e.id);
}

LASO_ON_BOTH_ENGINES(OutboxTest);

}  // namespace
}  // namespace laso::outbox
