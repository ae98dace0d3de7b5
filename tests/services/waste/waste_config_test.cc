#include "services/waste/waste_config.h"

#include <gtest/gtest.h>

#include "tests/support/config_with.h"

namespace laso::waste {
namespace {

using testing::ConfigWith;

TEST(WasteConfigTest, DefaultsLoadTheBoundary) {
  auto c = WasteConfigFrom(ConfigWith({{"waste.history_retention", "7d"}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->collection.boundary.Contains({10.5352, 106.416}));
  EXPECT_EQ(c->history_retention, absl::Hours(24 * 7));
}

TEST(WasteConfigTest, AMissingBoundaryNamesTheKey) {
  auto c = WasteConfigFrom(ConfigWith({{"waste.boundary_file", "/nonexistent.geojson"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("waste.boundary_file"), std::string::npos) << c.status();
}

}  // namespace
}  // namespace laso::waste
