// Data versions on both engines: bumps from two replicas at once are distinct
// and in commit order, and a watch reloads exactly when the version moved.
#include "common/sql/data_versions.h"

#include <set>

#include <gtest/gtest.h>

#include "common/testing/at_once.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"

namespace laso::sql {
namespace {

class DataVersionsTest : public ::testing::TestWithParam<Engine> {
 protected:
  DataVersionsTest() : database_(GetParam(), dir_.path(), "versions") {
    EXPECT_TRUE(MigrateDataVersions(database_.db()).ok());
  }
  static absl::StatusOr<int64_t> Bump(Database& db, const std::string& name) {
    int64_t version = 0;
    auto s = db.Write([&](Session& session) -> absl::Status {
      auto v = BumpVersion(session, name);
      if (!v.ok()) return v.status();
      version = *v;
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return version;
  }

  testing::TempDir dir_;
  testing::TestDatabase database_;
};

TEST_P(DataVersionsTest, BumpsFromTwoReplicasAtOnceAreDistinct) {
  auto second = database_.OpenAnother();
  EXPECT_EQ(*ReadVersion(database_.db(), "routes"), 0);
  constexpr int kBumps = 16;
  std::vector<absl::StatusOr<int64_t>> got(kBumps);
  testing::RunAtOnce(kBumps, [&](int i) { got[i] = Bump(i % 2 == 0 ? database_.db() : *second, "routes"); });
  std::set<int64_t> seen;
  for (const auto& v : got) {
    ASSERT_TRUE(v.ok()) << v.status();
    seen.insert(*v);
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kBumps));
  EXPECT_EQ(*seen.begin(), 1);
  EXPECT_EQ(*seen.rbegin(), kBumps);
  EXPECT_EQ(*ReadVersion(*second, "routes"), kBumps);
  EXPECT_EQ(*ReadVersion(*second, "tariffs"), 0);  // names are separate
}

TEST_P(DataVersionsTest, AWatchReloadsOnlyWhenTheVersionMoved) {
  auto second = database_.OpenAnother();
  int reloads = 0;
  absl::Status next = absl::OkStatus();
  VersionWatch watch(*second, "catalogue", [&] {
    ++reloads;
    return next;
  });
  ASSERT_TRUE(watch.Load().ok());
  EXPECT_EQ(reloads, 1);
  ASSERT_TRUE(watch.Refresh().ok());
  EXPECT_EQ(reloads, 1);  // nothing changed
  ASSERT_TRUE(Bump(database_.db(), "catalogue").ok());
  ASSERT_TRUE(Bump(database_.db(), "catalogue").ok());
  ASSERT_TRUE(watch.Refresh().ok());
  EXPECT_EQ(reloads, 2);  // two changes, one reload
  ASSERT_TRUE(watch.Refresh().ok());
  EXPECT_EQ(reloads, 2);

  // A reload that fails is tried again at the next poll, not forgotten.
  ASSERT_TRUE(Bump(database_.db(), "catalogue").ok());
  next = absl::UnavailableError("disk busy");
  EXPECT_FALSE(watch.Refresh().ok());
  next = absl::OkStatus();
  ASSERT_TRUE(watch.Refresh().ok());
  EXPECT_EQ(reloads, 4);
  ASSERT_TRUE(watch.Refresh().ok());
  EXPECT_EQ(reloads, 4);
}

LASO_ON_BOTH_ENGINES(DataVersionsTest);

}  // namespace
}  // namespace laso::sql
