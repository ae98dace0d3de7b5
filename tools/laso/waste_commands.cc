#include "tools/laso/waste_commands.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/geo/geo.h"
#include "common/grpc/grpc_status.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "laso/waste/v1/waste.grpc.pb.h"

namespace laso::cli {
namespace {

namespace wv = laso::waste::v1;

rpc::Caller As(rpc::Role role, const std::string& name, const std::string& agency = "") {
  rpc::Caller c;
  c.set_role(role);
  c.set_subject("staff:" + name);
  c.set_agency(agency);
  return c;
}

}  // namespace

absl::Status ImportRoutes(const ServiceClient& client, const std::vector<std::string>& paths) {
  auto stub = wv::WasteService::NewStub(client.channel());
  rpc::Caller admin = As(rpc::Role::ADMIN, "laso-cli");
  for (const std::string& path : paths) {
    std::ifstream in(path);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
    std::stringstream text;
    text << in.rdbuf();
    std::string id = std::filesystem::path(path).stem().string();
    auto doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (doc.is_object() && doc.contains("features")) {
      for (const auto& f : doc["features"]) {
        if (f.contains("properties") && f["properties"].is_object() && f["properties"].contains("id") &&
            f["properties"]["id"].is_string()) {
          id = f["properties"]["id"].get<std::string>();
        }
      }
    }
    wv::PutRouteRequest req;
    req.set_id(id);
    req.mutable_geojson()->set_content_type("application/geo+json");
    req.mutable_geojson()->set_data(text.str());
    wv::RouteSummary summary;
    auto s = stub->PutRoute(client.NewContext(absl::Seconds(30), &admin).get(), req, &summary);
    if (!s.ok()) return absl::Status(FromGrpcStatus(s).code(), absl::StrCat(path, ": ", s.error_message()));
    std::printf("route %s: %d stops, %.0f m\n", summary.id().c_str(), summary.stops(), summary.length_m());
  }
  return absl::OkStatus();
}

absl::Status SimulateTruck(const ServiceClient& client, const std::string& route_id, double speed_kmh,
                           double every_s, bool loop) {
  auto stub = wv::WasteService::NewStub(client.channel());
  wv::GetRouteRequest get;
  get.set_id(route_id);
  laso::api::HttpBody body;
  rpc::Caller anyone = As(rpc::Role::ANONYMOUS, "laso-cli");
  if (auto s = stub->GetRoute(client.NewContext(absl::Seconds(10), &anyone).get(), get, &body); !s.ok()) {
    return FromGrpcStatus(s);
  }
  auto doc = nlohmann::json::parse(body.data());
  std::vector<geo::LatLng> path;
  std::string vehicle;
  for (const auto& f : doc["features"]) {
    if (f["geometry"]["type"] == "LineString") {
      for (const auto& c : f["geometry"]["coordinates"]) path.push_back({c[1].get<double>(), c[0].get<double>()});
      vehicle = f["properties"]["vehicleId"];
    }
  }
  rpc::Caller tracker = As(rpc::Role::TRACKER, "simulator-" + vehicle, vehicle);
  double step_m = speed_kmh / 3.6 * every_s;
  do {
    for (size_t seg = 0; seg + 1 < path.size(); ++seg) {
      double len = geo::DistanceMeters(path[seg], path[seg + 1]);
      for (double d = 0; d < len; d += step_m) {
        double f = d / len;
        wv::PostPositionsRequest req;
        req.set_vehicle_id(vehicle);
        wv::PositionIn* p = req.add_positions();
        p->set_lat(path[seg].lat + (path[seg + 1].lat - path[seg].lat) * f);
        p->set_lng(path[seg].lng + (path[seg + 1].lng - path[seg].lng) * f);
        p->set_speed(speed_kmh);
        SetTimestamp(absl::Now(), p->mutable_recorded_at());
        wv::PostPositionsResponse resp;
        auto s = stub->PostPositions(client.NewContext(absl::Seconds(10), &tracker).get(), req, &resp);
        if (!s.ok()) std::fprintf(stderr, "simulate: %s\n", s.error_message().c_str());
        std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(every_s * 1000)));
      }
    }
  } while (loop);
  return absl::OkStatus();
}

}  // namespace laso::cli
