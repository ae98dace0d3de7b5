#pragma once

#include <cstddef>
#include <vector>

// WGS84 geometry at the scale of a province: distances, "is this point inside
// the province", and "how far along this collection route is that truck".
namespace laso::geo {

struct LatLng {
  double lat = 0;
  double lng = 0;
};

inline constexpr double kEarthRadiusMeters = 6371008.8;  // mean radius (IUGG)

// Finite, latitude in [-90, 90], longitude in [-180, 180].
bool IsValid(LatLng p);

// Great-circle (haversine) distance.
double DistanceMeters(LatLng a, LatLng b);

// A simple polygon (one outer ring, first point need not repeat at the end).
class Polygon {
 public:
  explicit Polygon(std::vector<LatLng> ring);
  // Points on the boundary may go either way; provinces are not drawn to the metre.
  bool Contains(LatLng p) const;
  const std::vector<LatLng>& ring() const { return ring_; }

 private:
  std::vector<LatLng> ring_;
  double min_lat_, max_lat_, min_lng_, max_lng_;
};

struct PolylineProjection {
  double distance_m = 0;  // from the point to the nearest point of the line
  double along_m = 0;     // from the line's start to that nearest point, along the line
  size_t segment = 0;     // index of the segment it lies on
  LatLng nearest;
};

// Projects a point onto a polyline of at least one point. Uses a local flat-earth
// approximation per segment, accurate to well under a metre over a few kilometres.
PolylineProjection ProjectOntoPolyline(LatLng p, const std::vector<LatLng>& line);

double PolylineLengthMeters(const std::vector<LatLng>& line);

}  // namespace laso::geo
