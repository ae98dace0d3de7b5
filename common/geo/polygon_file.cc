#include "common/geo/polygon_file.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/json/fields.h"
#include "common/status/data_file.h"

namespace laso::geo {
namespace {

const nlohmann::json* FindPolygon(const nlohmann::json& j) {
  if (!j.is_object()) return nullptr;
  std::string type = JsonText(j, "type");
  if (type == "Polygon") return &j;
  if (type == "Feature" && j.contains("geometry")) return FindPolygon(j["geometry"]);
  if (type == "FeatureCollection" && j.contains("features") && j["features"].is_array()) {
    for (const auto& f : j["features"]) {
      if (const auto* p = FindPolygon(f)) return p;
    }
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<Polygon> ParsePolygonGeoJson(const std::string& geojson) {
  auto j = nlohmann::json::parse(geojson, nullptr, false);
  if (j.is_discarded()) return absl::InvalidArgumentError("boundary is not JSON");
  const nlohmann::json* polygon = FindPolygon(j);
  if (polygon == nullptr || !polygon->contains("coordinates") || !(*polygon)["coordinates"].is_array() ||
      (*polygon)["coordinates"].empty()) {
    return absl::InvalidArgumentError("boundary has no Polygon");
  }
  std::vector<LatLng> ring;
  for (const auto& point : (*polygon)["coordinates"][0]) {
    if (!point.is_array() || point.size() < 2 || !point[0].is_number() || !point[1].is_number()) {
      return absl::InvalidArgumentError("boundary has a point that is not [lng, lat]");
    }
    LatLng p{point[1].get<double>(), point[0].get<double>()};
    if (!IsValid(p)) return absl::InvalidArgumentError("boundary has a point off the globe");
    ring.push_back(p);
  }
  if (ring.size() < 3) return absl::InvalidArgumentError("boundary ring has fewer than 3 points");
  return Polygon(std::move(ring));
}

absl::StatusOr<Polygon> LoadPolygonFile(const std::string& path) {
  return LoadDataFile<Polygon>(path, "polygon file", ParsePolygonGeoJson);
}

}  // namespace laso::geo
