#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "laso/waste/v1/waste.pb.h"

// Routes in GeoJSON, both ways. A route is a FeatureCollection: one Feature
// with a LineString (the path; properties: name, wards, stream, vehicleId,
// startTime, rrule, exdates, rdates, validFrom, validTo) and Point Features
// for the stops (properties: name, plannedMinutes; in order of `sequence`, or
// of appearance). Coordinates are [lng, lat] as GeoJSON has them.
namespace laso::waste {

absl::StatusOr<v1::Route> RouteFromGeoJson(const std::string& id, const std::string& geojson);
std::string RouteToGeoJson(const v1::Route& route);

// Checks what a route must be to be served: valid points, a path of two or
// more points, stops in planned order, a parsable schedule and dates.
absl::Status ValidateRoute(const v1::Route& route);

}  // namespace laso::waste
