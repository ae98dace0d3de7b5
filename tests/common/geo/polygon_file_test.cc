#include "common/geo/polygon_file.h"

#include <gtest/gtest.h>

namespace laso::geo {
namespace {

TEST(PolygonFileTest, ShippedProvinceHoldsItsTownsAndNotTheCity) {
  auto p = LoadPolygonFile(std::string(LASO_SOURCE_DIR) + "/deploy/data/boundary/long-an.geojson");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->Contains({10.5366, 106.4137}));   // Tân An
  EXPECT_TRUE(p->Contains({10.64, 106.487}));      // Bến Lức
  EXPECT_TRUE(p->Contains({10.776, 105.929}));     // Kiến Tường
  EXPECT_FALSE(p->Contains({10.7769, 106.7009}));  // Ho Chi Minh City, District 1
  EXPECT_FALSE(p->Contains({21.0285, 105.8542}));  // Hà Nội
}

TEST(PolygonFileTest, BadFilesSayWhy) {
  EXPECT_FALSE(ParsePolygonGeoJson("{").ok());
  EXPECT_FALSE(ParsePolygonGeoJson(R"({"type":"Point","coordinates":[1,2]})").ok());
  EXPECT_FALSE(ParsePolygonGeoJson(R"({"type":"Polygon","coordinates":[[[1,2],[3,4]]]})").ok());
  EXPECT_FALSE(ParsePolygonGeoJson(R"({"type":"Polygon","coordinates":[[[1,200],[3,4],[5,6]]]})").ok());
  EXPECT_TRUE(ParsePolygonGeoJson(R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":
      {"type":"Polygon","coordinates":[[[106,10],[107,10],[107,11]]]}}]})").ok());
  EXPECT_FALSE(LoadPolygonFile("/nonexistent/boundary.geojson").ok());
}

}  // namespace
}  // namespace laso::geo
