#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/geo/geo.h"

namespace laso::geo {

// A polygon (e.g. a province's boundary) from a GeoJSON file: a Polygon, or the first
// Polygon of a Feature or FeatureCollection (outer ring; [lng, lat] order).
absl::StatusOr<Polygon> LoadPolygonFile(const std::string& path);
absl::StatusOr<Polygon> ParsePolygonGeoJson(const std::string& geojson);

}  // namespace laso::geo
