#include "common/geo/geo.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace laso::geo {
namespace {

constexpr double kPi = 3.14159265358979323846;
double Radians(double degrees) { return degrees * kPi / 180.0; }

// Metres east and north of an origin.
struct Xy {
  double x, y;
};

Xy ToLocal(LatLng p, LatLng origin) {
  double k = Radians(1.0) * kEarthRadiusMeters;
  return {(p.lng - origin.lng) * k * std::cos(Radians(origin.lat)), (p.lat - origin.lat) * k};
}

LatLng FromLocal(Xy xy, LatLng origin) {
  double k = Radians(1.0) * kEarthRadiusMeters;
  return {origin.lat + xy.y / k, origin.lng + xy.x / (k * std::cos(Radians(origin.lat)))};
}

}  // namespace

bool IsValid(LatLng p) {
  return std::isfinite(p.lat) && std::isfinite(p.lng) && p.lat >= -90 && p.lat <= 90 &&
         p.lng >= -180 && p.lng <= 180;
}

double DistanceMeters(LatLng a, LatLng b) {
  double dlat = Radians(b.lat - a.lat);
  double dlng = Radians(b.lng - a.lng);
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(Radians(a.lat)) * std::cos(Radians(b.lat)) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * kEarthRadiusMeters * std::asin(std::min(1.0, std::sqrt(h)));
}

Polygon::Polygon(std::vector<LatLng> ring) : ring_(std::move(ring)) {
  min_lat_ = min_lng_ = std::numeric_limits<double>::infinity();
  max_lat_ = max_lng_ = -std::numeric_limits<double>::infinity();
  for (const LatLng& p : ring_) {
    min_lat_ = std::min(min_lat_, p.lat);
    max_lat_ = std::max(max_lat_, p.lat);
    min_lng_ = std::min(min_lng_, p.lng);
    max_lng_ = std::max(max_lng_, p.lng);
  }
}

bool Polygon::Contains(LatLng p) const {
  if (ring_.size() < 3 || p.lat < min_lat_ || p.lat > max_lat_ || p.lng < min_lng_ || p.lng > max_lng_) {
    return false;
  }
  // Ray casting along the latitude line; fine at province scale, away from the poles.
  bool inside = false;
  for (size_t i = 0, j = ring_.size() - 1; i < ring_.size(); j = i++) {
    const LatLng& a = ring_[i];
    const LatLng& b = ring_[j];
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
      double lng_at = (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng;
      if (p.lng < lng_at) inside = !inside;
    }
  }
  return inside;
}

PolylineProjection ProjectOntoPolyline(LatLng p, const std::vector<LatLng>& line) {
  PolylineProjection best;
  if (line.empty()) return best;
  best.distance_m = DistanceMeters(p, line[0]);
  best.nearest = line[0];
  double along = 0;
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    const LatLng& a = line[i];
    const LatLng& b = line[i + 1];
    Xy pb = ToLocal(b, a), pp = ToLocal(p, a);
    double len2 = pb.x * pb.x + pb.y * pb.y;
    double t = len2 > 0 ? std::clamp((pp.x * pb.x + pp.y * pb.y) / len2, 0.0, 1.0) : 0.0;
    Xy q{pb.x * t, pb.y * t};
    double d = std::hypot(pp.x - q.x, pp.y - q.y);
    double seg_len = DistanceMeters(a, b);  // the same measure as PolylineLengthMeters
    if (d < best.distance_m) {
      best.distance_m = d;
      best.along_m = along + seg_len * t;
      best.segment = i;
      best.nearest = FromLocal(q, a);
    }
    along += seg_len;
  }
  return best;
}

double PolylineLengthMeters(const std::vector<LatLng>& line) {
  double total = 0;
  for (size_t i = 0; i + 1 < line.size(); ++i) total += DistanceMeters(line[i], line[i + 1]);
  return total;
}

}  // namespace laso::geo
