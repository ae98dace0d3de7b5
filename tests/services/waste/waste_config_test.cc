#include "services/waste/waste_config.h"

#include <gtest/gtest.h>

#include "services/laso_schema.h"

namespace laso::waste {
namespace {

config::Config With(std::initializer_list<std::pair<const char*, const char*>> values) {
  config::Config c = config::Config::Defaults(LasoSchema());
  EXPECT_TRUE(c.Set("data_dir", "/srv/laso").ok());
  EXPECT_TRUE(c.Set("waste.boundary_file", LASO_SOURCE_DIR "/deploy/data/boundary/long-an.geojson").ok());
  for (const auto& [key, value] : values) EXPECT_TRUE(c.Set(key, value).ok()) << key;
  return c;
}

TEST(WasteConfigTest, DefaultsLoadTheBoundary) {
  auto c = WasteConfigFrom(With({{"waste.history_retention", "7d"}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->collection.boundary.Contains({10.5352, 106.416}));
  EXPECT_EQ(c->history_retention, absl::Hours(24 * 7));
}

TEST(WasteConfigTest, AMissingBoundaryNamesTheKey) {
  auto c = WasteConfigFrom(With({{"waste.boundary_file", "/nonexistent.geojson"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("waste.boundary_file"), std::string::npos) << c.status();
}

}  // namespace
}  // namespace laso::waste
