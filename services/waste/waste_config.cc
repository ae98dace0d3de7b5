#include "services/waste/waste_config.h"

#include "common/config/key_values.h"
#include "common/geo/polygon_file.h"

namespace laso::waste {

void AddConfigKeys(config::Schema& s) {
  s.Endpoint("waste.listen", "127.0.0.1:7104", "Where the waste service listens (gRPC): host:port, or unix:/path");
  s.String("waste.database", "waste.db", "The waste service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.String("waste.boundary_file", "deploy/data/boundary/long-an.geojson",
           "GeoJSON polygon of the province: stops and vehicle positions must lie inside it");
  s.String("waste.guide_file", "deploy/data/waste/guide.json", "The sorting guide: items, streams, instructions");
  s.Duration("waste.history_retention", "30d", "How long vehicle positions are kept");
}

absl::StatusOr<WasteConfig> WasteConfigFrom(const config::Config& c) {
  WasteConfig out;
  auto boundary = geo::LoadPolygonFile(c.String("waste.boundary_file"));
  if (!boundary.ok()) return config::KeyError("waste.boundary_file", boundary.status());
  out.collection.boundary = std::move(*boundary);
  out.guide_file = c.String("waste.guide_file");
  out.history_retention = c.Duration("waste.history_retention");
  return out;
}

}  // namespace laso::waste
