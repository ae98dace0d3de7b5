#include "services/waste/run_progress.h"

#include <algorithm>
#include <cmath>

namespace laso::waste {
namespace {

constexpr double kDefaultSpeedMps = 15.0 / 3.6;  // a collection truck between stops, 15 km/h

geo::LatLng Ll(const v1::Point& p) { return {p.lat(), p.lng()}; }

}  // namespace

RunProgress::RunProgress(const v1::Route& route) {
  for (const auto& p : route.path()) path_.push_back(Ll(p));
  path_length_ = geo::PolylineLengthMeters(path_);
  for (const auto& s : route.stops()) {
    stops_.push_back(Ll(s.point()));
    stop_along_.push_back(geo::ProjectOntoPolyline(stops_.back(), path_).along_m);
  }
  served_.assign(stops_.size(), false);
}

int RunProgress::served_count() const { return static_cast<int>(std::count(served_.begin(), served_.end(), true)); }

std::vector<int> RunProgress::Observe(absl::Time at, geo::LatLng p) {
  std::vector<int> newly;
  bool in_order = !last_ || at >= last_->at;
  for (size_t i = 0; i < stops_.size(); ++i) {
    if (served_[i]) continue;
    double d = in_order && last_ ? geo::ProjectOntoPolyline(stops_[i], {last_->p, p}).distance_m
                                 : geo::DistanceMeters(stops_[i], p);
    if (d <= kServedWithinM) {
      served_[i] = true;
      newly.push_back(static_cast<int>(i));
    }
  }
  auto projection = geo::ProjectOntoPolyline(p, path_);
  if (projection.distance_m <= kOnRouteWithinM) {
    along_m_ = std::max(along_m_, projection.along_m);
    if (in_order) {
      samples_.emplace_back(at, projection.along_m);
      while (!samples_.empty() && samples_.front().first < at - absl::Minutes(10)) samples_.pop_front();
    }
  }
  if (in_order) last_ = Fix{at, p};
  return newly;
}

std::optional<double> RunProgress::observed_speed() const {
  if (samples_.size() < 2) return std::nullopt;
  double seconds = absl::ToDoubleSeconds(samples_.back().first - samples_.front().first);
  double metres = samples_.back().second - samples_.front().second;
  if (seconds < 60 || metres < 10) return std::nullopt;
  return metres / seconds;
}

StopEta EstimateStop(const v1::Route& route, const RunProgress* run, int stop, absl::Time run_start,
                     bool collection_day, absl::Time now) {
  StopEta e;
  e.planned = run_start + absl::Minutes(route.stops(stop).planned_minutes());
  if (!collection_day) {
    e.status = v1::NOT_TODAY;
    return e;
  }
  if (run == nullptr || !run->started()) {
    e.status = v1::NOT_STARTED;
    e.stops_before = stop;
    e.eta = std::max(e.planned, now);
    e.delay_minutes = static_cast<int>(absl::ToInt64Minutes(*e.eta - e.planned));
    return e;
  }
  if (run->completed()) {
    e.status = v1::COMPLETED;
    return e;
  }
  if (run->served(stop)) {
    e.status = v1::PASSED;
    return e;
  }
  e.status = v1::APPROACHING;
  for (int i = 0; i < stop; ++i) e.stops_before += run->served(i) ? 0 : 1;
  // Speed: what the truck has done lately, else what the plan implies.
  double planned_speed = kDefaultSpeedMps;
  int last_minutes = route.stops(route.stops_size() - 1).planned_minutes();
  if (last_minutes > 0) planned_speed = std::max(1.0, run->path_length_m() / (last_minutes * 60.0));
  double speed = run->observed_speed().value_or(planned_speed);
  double remaining = std::max(0.0, run->stop_along_m(stop) - run->along_m());
  absl::Time eta = run->last_at() + absl::Seconds(remaining / speed);
  e.eta = std::max(eta, now);
  e.delay_minutes = static_cast<int>(std::lround(absl::ToDoubleMinutes(*e.eta - e.planned)));
  return e;
}

}  // namespace laso::waste
