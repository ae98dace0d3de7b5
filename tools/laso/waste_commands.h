#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/laso/service_client.h"

namespace laso::cli {

// `laso import routes FILE.geojson...`: each file a route's FeatureCollection;
// the route id is the path feature's "id" property, else the file's name.
absl::Status ImportRoutes(const ServiceClient& client, const std::vector<std::string>& paths);

// `laso simulate truck ROUTE_ID [--speed KMH] [--every SECONDS] [--loop]`: drives
// the route's vehicle along its path in real time, posting positions as its
// tracker would (signed as the tracker bound to that vehicle).
absl::Status SimulateTruck(const ServiceClient& client, const std::string& route_id, double speed_kmh,
                           double every_s, bool loop);

}  // namespace laso::cli
