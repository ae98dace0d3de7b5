#include "services/dossier/dossier_config.h"

#include <gtest/gtest.h>

#include "services/laso_schema.h"

namespace laso::dossier {
namespace {

config::Config With(std::initializer_list<std::pair<const char*, const char*>> values) {
  config::Config c = config::Config::Defaults(LasoSchema());
  EXPECT_TRUE(c.Set("data_dir", "/srv/laso").ok());
  for (const auto& [key, value] : values) EXPECT_TRUE(c.Set(key, value).ok()) << key;
  return c;
}

TEST(DossierConfigTest, KeysBecomeTheCacheAndGuardOptions) {
  auto c = DossierConfigFrom(With({{"dossier.lookup_failures", "5/30m"}, {"dossier.local_cache_entries", "0"},
                                   {"dossier.due_time", "16:30"}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->due_time_of_day, absl::Hours(16) + absl::Minutes(30));
  EXPECT_EQ(c->lookup_guard.max_failures, 5);
  EXPECT_EQ(c->lookup_guard.window, absl::Minutes(30));
  EXPECT_EQ(c->cache.local_entries, 0u);
  EXPECT_EQ(c->cache.redis_ttl, absl::Minutes(10));
}

TEST(DossierConfigTest, ABadDueTimeNamesTheKey) {
  auto c = DossierConfigFrom(With({{"dossier.due_time", "five pm"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("dossier.due_time"), std::string::npos) << c.status();
}

}  // namespace
}  // namespace laso::dossier
