#include "services/dossier/dossier_config.h"

#include <gtest/gtest.h>

#include "tests/support/config_with.h"

namespace laso::dossier {
namespace {

using testing::ConfigWith;

TEST(DossierConfigTest, KeysBecomeTheCacheAndGuardOptions) {
  auto c = DossierConfigFrom(ConfigWith({{"dossier.lookup_failures", "5/30m"}, {"dossier.local_cache_entries", "0"},
                                   {"dossier.due_time", "16:30"}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->due_time_of_day, absl::Hours(16) + absl::Minutes(30));
  EXPECT_EQ(c->lookup_guard.max_failures, 5);
  EXPECT_EQ(c->lookup_guard.window, absl::Minutes(30));
  EXPECT_EQ(c->cache.local_entries, 0u);
  EXPECT_EQ(c->cache.redis_ttl, absl::Minutes(10));
}

TEST(DossierConfigTest, ABadDueTimeNamesTheKey) {
  auto c = DossierConfigFrom(ConfigWith({{"dossier.due_time", "five pm"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("dossier.due_time"), std::string::npos) << c.status();
}

}  // namespace
}  // namespace laso::dossier
