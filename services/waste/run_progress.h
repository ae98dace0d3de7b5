#pragma once

#include <deque>
#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "common/geo/geo.h"
#include "laso/waste/v1/waste.pb.h"

// One vehicle's run of one route on one day, from its tracker positions: how
// far along the path it has come, which stops it has served (passed within
// 30 m, judged on the segment between consecutive positions so that sparse
// fixes do not skip a stop), its observed speed, and the ETA at a stop.
namespace laso::waste {

inline constexpr double kServedWithinM = 30;
inline constexpr double kOnRouteWithinM = 100;

class RunProgress {
 public:
  explicit RunProgress(const v1::Route& route);

  // Takes a position; returns the indexes of stops it newly served.
  std::vector<int> Observe(absl::Time at, geo::LatLng p);

  bool started() const { return last_.has_value(); }
  bool served(int stop) const { return served_[stop]; }
  int served_count() const;
  bool completed() const { return !served_.empty() && served_.back(); }
  double along_m() const { return along_m_; }
  absl::Time last_at() const { return last_ ? last_->at : absl::InfinitePast(); }
  std::optional<geo::LatLng> last_point() const { return last_ ? std::optional<geo::LatLng>(last_->p) : std::nullopt; }
  // Metres per second along the path over the last 10 minutes, when known.
  std::optional<double> observed_speed() const;
  double stop_along_m(int stop) const { return stop_along_[stop]; }
  double path_length_m() const { return path_length_; }

 private:
  struct Fix {
    absl::Time at;
    geo::LatLng p;
  };
  std::vector<geo::LatLng> path_;
  std::vector<geo::LatLng> stops_;
  std::vector<double> stop_along_;
  std::vector<bool> served_;
  double path_length_ = 0;
  double along_m_ = 0;
  std::optional<Fix> last_;
  std::deque<std::pair<absl::Time, double>> samples_;  // (time, along) of the last 10 minutes
};

struct StopEta {
  v1::RunStatus status = v1::NOT_TODAY;
  int stops_before = 0;
  std::optional<absl::Time> eta;
  absl::Time planned;
  int delay_minutes = 0;
};

// The ETA at `stop` for a run planned to start at `run_start` (null run: no
// position yet today). `collection_day`: whether the route runs today at all.
StopEta EstimateStop(const v1::Route& route, const RunProgress* run, int stop, absl::Time run_start,
                     bool collection_day, absl::Time now);

}  // namespace laso::waste
