#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/geo/geo.h"

namespace laso::feedback {

// The province's boundary from a GeoJSON file: a Polygon, or the first
// Polygon of a Feature or FeatureCollection (outer ring; [lng, lat] order).
absl::StatusOr<geo::Polygon> LoadBoundary(const std::string& path);
absl::StatusOr<geo::Polygon> ParseBoundary(const std::string& geojson);

}  // namespace laso::feedback
