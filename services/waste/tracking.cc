// WasteCollection: vehicles' positions, today's runs, ETAs and warnings.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/rpc/caller.h"
#include "common/log/log.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/waste/waste_collection.h"

namespace laso::waste {
namespace {

constexpr int kMaxBatch = 1000;

void SetPosition(const Fix& f, v1::VehiclePosition* p) {
  p->set_lat(f.lat);
  p->set_lng(f.lng);
  p->set_speed_kmh(f.speed);
  p->set_heading(f.heading);
  SetTimestamp(f.recorded_at, p->mutable_recorded_at());
}

}  // namespace

void WasteCollection::Track(const std::vector<Fix>& fixes) {
  for (const Fix& f : fixes) {
    absl::CivilDay day = VietnamDay(f.recorded_at);
    if (day > runs_day_) {  // a new day: yesterday's runs are done
      runs_.clear();
      runs_day_ = day;
    }
    auto& latest = latest_[f.vehicle_id];
    if (latest.vehicle_id.empty() || f.recorded_at > latest.recorded_at) latest = f;
    if (day != runs_day_) continue;  // late fixes of an earlier day: history only
    for (const auto& [id, e] : routes_) {
      if (e->route.vehicle_id() != f.vehicle_id || !e->calendar.IsCollectionDay(day)) continue;
      auto& run = runs_[id];
      if (run == nullptr) run = std::make_unique<RunProgress>(e->route);
      run->Observe(f.recorded_at, {f.lat, f.lng});
    }
  }
}

absl::StatusOr<v1::PostPositionsResponse> WasteCollection::PostPositions(const rpc::Caller& caller,
                                                                         const v1::PostPositionsRequest& req) {
  if (caller.role() == rpc::Role::TRACKER && !caller.agency().empty() && caller.agency() != req.vehicle_id()) {
    return absl::PermissionDeniedError("Thiết bị này chỉ gửi vị trí cho xe của mình.");
  }
  if (req.vehicle_id().empty() || req.vehicle_id().size() > 40) return InvalidField("vehicleId", "Biển số xe không hợp lệ.");
  if (req.positions_size() > kMaxBatch) return InvalidField("positions", "Tối đa 1.000 vị trí mỗi lần gửi.");
  absl::Time now = clock_->Now();
  std::vector<Fix> candidates;
  v1::PostPositionsResponse out;
  for (const auto& p : req.positions()) {
    Fix f{req.vehicle_id(), ToTime(p.recorded_at()), p.lat(), p.lng(), p.speed(), p.heading()};
    bool plausible_time = p.has_recorded_at() && f.recorded_at <= now + absl::Minutes(5) &&
                          f.recorded_at > now - absl::Hours(24 * 30);
    if (!plausible_time || !geo::IsValid({f.lat, f.lng}) || !options_.boundary.Contains({f.lat, f.lng})) {
      out.set_flagged(out.flagged() + 1);
      continue;
    }
    candidates.push_back(f);
  }
  std::sort(candidates.begin(), candidates.end(), [](const Fix& a, const Fix& b) { return a.recorded_at < b.recorded_at; });
  // A fix implying more than max_speed from the one before it is a glitch.
  // What other replicas received first: the truck's latest position may have come through one of them.
  if (auto c = CatchUp(); !c.ok()) return c;
  std::optional<Fix> previous;
  {
    absl::ReaderMutexLock lock(&mu_);
    if (auto it = latest_.find(req.vehicle_id()); it != latest_.end()) previous = it->second;
  }
  std::vector<Fix> accepted;
  for (const Fix& f : candidates) {
    if (!accepted.empty() && f.recorded_at == accepted.back().recorded_at) {
      out.set_duplicates(out.duplicates() + 1);
      continue;
    }
    const Fix* before = !accepted.empty() ? &accepted.back()
                        : previous && previous->recorded_at < f.recorded_at ? &*previous
                                                                             : nullptr;
    if (before != nullptr) {
      double hours = absl::ToDoubleHours(f.recorded_at - before->recorded_at);
      double km = geo::DistanceMeters({before->lat, before->lng}, {f.lat, f.lng}) / 1000;
      if (hours > 0 && km / hours > options_.max_speed_kmh && km > 0.05) {
        out.set_flagged(out.flagged() + 1);
        continue;
      }
    }
    accepted.push_back(f);
  }
  int added = 0;
  auto s = store_.Write([&](WasteStore::Tx& tx) -> absl::Status {
    auto n = tx.AddFixes(accepted);
    if (!n.ok()) return n.status();
    added = *n;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  out.set_accepted(added);
  out.set_duplicates(out.duplicates() + static_cast<int>(accepted.size()) - added);
  // Into today's runs through the log, as every replica takes them (the write is kept even if this fails:
  // the next CatchUp reads it).
  if (auto c = CatchUp(); !c.ok()) log::Warn("reading new positions failed", {{"error", std::string(c.message())}});
  if (redis_ != nullptr && !accepted.empty()) {
    const Fix& last = accepted.back();
    std::string key = absl::StrCat("laso:waste:vehicle:", req.vehicle_id());
    (void)redis_->Pipeline({{"HSET", key, "lat", absl::StrCat(last.lat), "lng", absl::StrCat(last.lng), "speed",
                             absl::StrCat(last.speed), "heading", absl::StrCat(last.heading), "at",
                             FormatRfc3339(last.recorded_at)},
                            {"EXPIRE", key, "86400"}});  // a cache: Redis down costs nothing here
  }
  if (auto w = WarnSubscribers(req.vehicle_id()); !w.ok()) {
    log::Warn("approaching warnings failed", {{"vehicle", req.vehicle_id()}, {"error", std::string(w.message())}});
  }
  return out;
}

absl::Status WasteCollection::WarnSubscribers(const std::string& vehicle_id) {
  struct Due {
    std::string subscription, subject, route;
    absl::Time eta;
  };
  std::vector<Due> due;
  absl::Time now = clock_->Now();
  std::string day;
  {
    absl::ReaderMutexLock lock(&mu_);
    day = FormatIsoDate(runs_day_);
    for (const auto& [route_id, run] : runs_) {
      auto e = routes_.find(route_id);
      auto watching = watchers_.find(route_id);
      if (e == routes_.end() || watching == watchers_.end() || e->second->route.vehicle_id() != vehicle_id) continue;
      for (const Watcher& w : watching->second) {
        StopEta eta = EstimateStop(e->second->route, run.get(), w.stop, RunStart(*e->second, runs_day_), true, now);
        if (eta.status == v1::APPROACHING && eta.eta && *eta.eta - now <= options_.warn_ahead) {
          due.push_back({w.subscription, w.subject, route_id, *eta.eta});
        }
      }
    }
  }
  if (due.empty()) return absl::OkStatus();
  return store_.Write([&](WasteStore::Tx& tx) -> absl::Status {
    for (const Due& d : due) {
      auto fresh = tx.RecordWarning(d.subscription, d.route, day);
      if (!fresh.ok()) return fresh.status();
      if (!*fresh) continue;
      nlohmann::json payload = {{"subscriptionId", d.subscription}, {"recipient", {{"subject", d.subject}}},
                                {"routeId", d.route},               {"vehicleId", vehicle_id},
                                {"eta", FormatRfc3339(d.eta)}};
      if (auto s = tx.Emit(outbox::NewEvent("waste.approaching", "subscription/" + d.subscription, payload.dump(),
                                            *clock_));
          !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::EtaResponse> WasteCollection::GetEta(const v1::EtaRequest& req) const {
  geo::LatLng p{req.lat(), req.lng()};
  if (!geo::IsValid(p) || !options_.boundary.Contains(p)) return InvalidField("lat", "Vị trí không hợp lệ hoặc ngoài tỉnh.");
  absl::Time now = clock_->Now();
  absl::CivilDay today = VietnamDay(now);
  v1::EtaResponse out;
  absl::ReaderMutexLock lock(&mu_);
  for (const Served& s : ServedAt(p)) {
    const RouteEntry& e = *s.entry;
    auto run = runs_day_ == today ? runs_.find(e.route.id()) : runs_.end();
    const RunProgress* progress = run == runs_.end() ? nullptr : run->second.get();
    StopEta eta = EstimateStop(e.route, progress, s.stop, RunStart(e, today), e.calendar.IsCollectionDay(today), now);
    v1::RouteEta* r = out.add_routes();
    *r->mutable_route() = Summary(e);
    *r->mutable_nearest_stop() = e.route.stops(s.stop);
    r->set_status(eta.status);
    r->set_stops_before_you(eta.stops_before);
    SetTimestamp(eta.planned, r->mutable_planned());
    if (eta.eta) SetTimestamp(*eta.eta, r->mutable_eta());
    r->set_delay_minutes(eta.delay_minutes);
    if (auto latest = latest_.find(e.route.vehicle_id()); latest != latest_.end()) {
      SetPosition(latest->second, r->mutable_last_position());
      r->set_position_age_s(absl::ToInt64Seconds(now - latest->second.recorded_at));
    }
  }
  return out;
}

absl::StatusOr<v1::ListVehiclesResponse> WasteCollection::ListVehicles() const {
  absl::Time now = clock_->Now();
  absl::ReaderMutexLock lock(&mu_);
  std::map<std::string, v1::VehicleStatus> vehicles;
  for (const auto& [id, e] : routes_) {
    v1::VehicleStatus& v = vehicles[e->route.vehicle_id()];
    v.set_vehicle_id(e->route.vehicle_id());
    if (!e->calendar.IsCollectionDay(runs_day_)) continue;
    v1::RouteProgress* p = v.add_today();
    p->set_route_id(id);
    p->set_stops_total(e->route.stops_size());
    if (auto run = runs_.find(id); run != runs_.end()) {
      p->set_stops_served(run->second->served_count());
      p->set_completed(run->second->completed());
    }
  }
  for (const auto& [id, fix] : latest_) {
    v1::VehicleStatus& v = vehicles[id];
    v.set_vehicle_id(id);
    SetPosition(fix, v.mutable_last_position());
  }
  v1::ListVehiclesResponse out;
  for (auto& [id, v] : vehicles) {
    v.set_stale(!v.has_last_position() || now - ToTime(v.last_position().recorded_at()) > options_.stale_after);
    *out.add_vehicles() = std::move(v);
  }
  return out;
}

}  // namespace laso::waste
