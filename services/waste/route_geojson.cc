#include "services/waste/route_geojson.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/geo/geo.h"
#include "common/json/fields.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/rfc3339.h"
#include "common/time/time_of_day.h"
#include "services/waste/recurrence.h"

namespace laso::waste {
namespace {

using nlohmann::json;

absl::Status Bad(const std::string& why) { return InvalidField("geojson", why); }

bool ReadPoint(const json& c, v1::Point* p) {
  if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number()) return false;
  p->set_lng(c[0].get<double>());
  p->set_lat(c[1].get<double>());
  return true;
}

json PointJson(const v1::Point& p) { return json::array({p.lng(), p.lat()}); }

}  // namespace

absl::Status ValidateRoute(const v1::Route& r) {
  if (r.id().empty() || r.id().size() > 64) return InvalidField("id", "Mã tuyến không hợp lệ.");
  if (auto s = text::ValidateText("name", r.name(), 1, 200); !s.ok()) return s;
  if (r.stream() == v1::STREAM_UNSPECIFIED) return InvalidField("stream", "Chọn HOUSEHOLD, RECYCLABLE, ORGANIC hoặc BULKY.");
  if (r.vehicle_id().empty() || r.vehicle_id().size() > 40) return InvalidField("vehicleId", "Cần biển số xe.");
  if (r.path_size() < 2 || r.path_size() > 20000) return InvalidField("path", "Lộ trình cần từ 2 điểm.");
  for (const auto& p : r.path()) {
    if (!geo::IsValid({p.lat(), p.lng()})) return InvalidField("path", "Toạ độ lộ trình không hợp lệ.");
  }
  if (r.stops_size() < 1 || r.stops_size() > 2000) return InvalidField("stops", "Cần ít nhất một điểm dừng.");
  int previous = -1;
  for (const auto& s : r.stops()) {
    if (!geo::IsValid({s.point().lat(), s.point().lng()})) return InvalidField("stops", "Toạ độ điểm dừng không hợp lệ.");
    if (auto name = text::ValidateText("stops", s.name(), 0, 200); !name.ok()) return name;
    if (s.planned_minutes() < 0 || s.planned_minutes() < previous || s.planned_minutes() > 24 * 60) {
      return InvalidField("stops", "plannedMinutes phải tăng dần theo thứ tự điểm dừng.");
    }
    previous = s.planned_minutes();
  }
  if (!ParseTimeOfDay("startTime", r.start_time()).ok()) return InvalidField("startTime", "Giờ bắt đầu dạng HH:MM.");
  if (auto rule = ParseRRule(r.rrule()); !rule.ok()) return rule.status();
  if (!ParseIsoDate(r.valid_from()).ok()) return InvalidField("validFrom", "Ngày dạng YYYY-MM-DD.");
  if (!r.valid_to().empty() && !ParseIsoDate(r.valid_to()).ok()) return InvalidField("validTo", "Ngày dạng YYYY-MM-DD.");
  for (const auto& list : {r.exdates(), r.rdates()}) {
    for (const auto& d : list) {
      if (!ParseIsoDate(d).ok()) return InvalidField("exdates", absl::StrCat("Ngày không hợp lệ: ", d));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Route> RouteFromGeoJson(const std::string& id, const std::string& geojson) {
  json doc = json::parse(geojson, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || JsonText(doc, "type") != "FeatureCollection" ||
      !doc.contains("features") || !doc["features"].is_array()) {
    return Bad("Cần một GeoJSON FeatureCollection.");
  }
  v1::Route r;
  r.set_id(id);
  bool have_path = false;
  std::vector<std::pair<double, v1::Stop>> stops;
  for (const auto& f : doc["features"]) {
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object()) return Bad("Feature thiếu geometry.");
    const json& g = f["geometry"];
    json props = f.contains("properties") && f["properties"].is_object() ? f["properties"] : json::object();
    std::string type = JsonText(g, "type");
    if (type == "LineString") {
      if (have_path) return Bad("Chỉ một LineString cho mỗi tuyến.");
      have_path = true;
      if (!g.contains("coordinates") || !g["coordinates"].is_array()) return Bad("LineString thiếu coordinates.");
      for (const auto& c : g["coordinates"]) {
        if (!ReadPoint(c, r.add_path())) return Bad("Toạ độ phải là [lng, lat].");
      }
      r.set_name(JsonText(props, "name"));
      for (const auto& w : JsonTexts(props, "wards")) r.add_wards(w);
      v1::Stream stream;
      if (!v1::Stream_Parse(JsonText(props, "stream"), &stream)) return InvalidField("stream", "Loại rác không hợp lệ.");
      r.set_stream(stream);
      r.set_vehicle_id(JsonText(props, "vehicleId"));
      r.set_start_time(JsonText(props, "startTime"));
      r.set_rrule(JsonText(props, "rrule"));
      for (const auto& d : JsonTexts(props, "exdates")) r.add_exdates(d);
      for (const auto& d : JsonTexts(props, "rdates")) r.add_rdates(d);
      r.set_valid_from(JsonText(props, "validFrom"));
      r.set_valid_to(JsonText(props, "validTo"));
    } else if (type == "Point") {
      v1::Stop s;
      if (!g.contains("coordinates") || !ReadPoint(g["coordinates"], s.mutable_point())) return Bad("Point phải là [lng, lat].");
      s.set_name(JsonText(props, "name"));
      // Out of a day's range (or not a whole number) it is refused by ValidateRoute, not wrapped into one.
      int64_t minutes = JsonInteger(props, "plannedMinutes", 0);
      s.set_planned_minutes(minutes >= 0 && minutes <= 24 * 60 ? static_cast<int32_t>(minutes) : -1);
      double order = props.contains("sequence") && props["sequence"].is_number() ? props["sequence"].get<double>()
                                                                                 : static_cast<double>(stops.size());
      stops.emplace_back(order, std::move(s));
    } else {
      return Bad(absl::StrCat("Không nhận geometry ", type, "."));
    }
  }
  if (!have_path) return Bad("Thiếu LineString lộ trình.");
  std::stable_sort(stops.begin(), stops.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, s] : stops) *r.add_stops() = std::move(s);
  if (auto s = ValidateRoute(r); !s.ok()) return s;
  return r;
}

std::string RouteToGeoJson(const v1::Route& r) {
  json path = json::array();
  for (const auto& p : r.path()) path.push_back(PointJson(p));
  json props = {{"kind", "route"},
                {"id", r.id()},
                {"name", r.name()},
                {"wards", std::vector<std::string>(r.wards().begin(), r.wards().end())},
                {"stream", v1::Stream_Name(r.stream())},
                {"vehicleId", r.vehicle_id()},
                {"startTime", r.start_time()},
                {"rrule", r.rrule()},
                {"exdates", std::vector<std::string>(r.exdates().begin(), r.exdates().end())},
                {"rdates", std::vector<std::string>(r.rdates().begin(), r.rdates().end())},
                {"validFrom", r.valid_from()},
                {"validTo", r.valid_to()}};
  json features = json::array();
  features.push_back({{"type", "Feature"}, {"geometry", {{"type", "LineString"}, {"coordinates", path}}}, {"properties", props}});
  for (int i = 0; i < r.stops_size(); ++i) {
    const auto& s = r.stops(i);
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", PointJson(s.point())}}},
                        {"properties", {{"kind", "stop"}, {"sequence", i + 1}, {"name", s.name()},
                                        {"plannedMinutes", s.planned_minutes()}}}});
  }
  return json({{"type", "FeatureCollection"}, {"features", features}}).dump();
}

}  // namespace laso::waste
