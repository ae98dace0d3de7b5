#include "common/geo/geo.h"

#include <cmath>

#include <gtest/gtest.h>

namespace laso::geo {
namespace {

TEST(GeoTest, HaversineDistances) {
  // One degree of latitude along a meridian is 2 * pi * R / 360.
  EXPECT_NEAR(DistanceMeters({0, 0}, {1, 0}), 111195.08, 0.1);
  EXPECT_DOUBLE_EQ(DistanceMeters({10.5359, 106.4137}, {10.5359, 106.4137}), 0);
  // Tân An to Hồ Chí Minh City centre is about 42 km as the crow flies.
  double d = DistanceMeters({10.5359, 106.4137}, {10.7769, 106.7009});
  EXPECT_GT(d, 40000);
  EXPECT_LT(d, 43000);
}

TEST(GeoTest, Validity) {
  EXPECT_TRUE(IsValid({10.5, 106.4}));
  EXPECT_FALSE(IsValid({91, 0}));
  EXPECT_FALSE(IsValid({0, 181}));
  EXPECT_FALSE(IsValid({std::nan(""), 0}));
}

TEST(GeoTest, PolygonContains) {
  // A rough box around Tân An.
  Polygon box({{10.50, 106.35}, {10.50, 106.45}, {10.58, 106.45}, {10.58, 106.35}});
  EXPECT_TRUE(box.Contains({10.5359, 106.4137}));
  EXPECT_FALSE(box.Contains({10.7769, 106.7009}));  // Hồ Chí Minh City
  // A concave L shape: the notch is outside.
  Polygon l_shape({{0, 0}, {0, 2}, {1, 2}, {1, 1}, {2, 1}, {2, 0}});
  EXPECT_TRUE(l_shape.Contains({0.5, 1.5}));
  EXPECT_TRUE(l_shape.Contains({1.5, 0.5}));
  EXPECT_FALSE(l_shape.Contains({1.5, 1.5}));
  EXPECT_FALSE(Polygon({{0, 0}, {1, 1}}).Contains({0.5, 0.5}));
}

TEST(GeoTest, ProjectOntoPolyline) {
  // A street running 1 km east from a point in Tân An, then 1 km north.
  LatLng start{10.5359, 106.4137};
  double deg_per_m_lat = 1 / 111195.08;
  double deg_per_m_lng = deg_per_m_lat / std::cos(10.5359 * 3.14159265358979 / 180);
  LatLng corner{start.lat, start.lng + 1000 * deg_per_m_lng};
  LatLng end{corner.lat + 1000 * deg_per_m_lat, corner.lng};
  std::vector<LatLng> line = {start, corner, end};
  EXPECT_NEAR(PolylineLengthMeters(line), 2000, 1);

  // 100 m north of the middle of the first leg.
  PolylineProjection p = ProjectOntoPolyline({start.lat + 100 * deg_per_m_lat, start.lng + 500 * deg_per_m_lng}, line);
  EXPECT_NEAR(p.distance_m, 100, 0.5);
  EXPECT_NEAR(p.along_m, 500, 0.5);
  EXPECT_EQ(p.segment, 0u);

  // 30 m west of the second leg, 400 m up it.
  p = ProjectOntoPolyline({corner.lat + 400 * deg_per_m_lat, corner.lng - 30 * deg_per_m_lng}, line);
  EXPECT_NEAR(p.distance_m, 30, 0.5);
  EXPECT_NEAR(p.along_m, 1400, 0.5);
  EXPECT_EQ(p.segment, 1u);

  // Beyond the end: nearest is the end point.
  p = ProjectOntoPolyline({end.lat + 50 * deg_per_m_lat, end.lng}, line);
  EXPECT_NEAR(p.distance_m, 50, 0.5);
  EXPECT_NEAR(p.along_m, 2000, 1);
}

}  // namespace
}  // namespace laso::geo
