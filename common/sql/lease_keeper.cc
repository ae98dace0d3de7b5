#include "common/sql/lease_keeper.h"

#include "common/log/log.h"
#include "common/metrics/metrics.h"

namespace laso::sql {

LeaseKeeper::LeaseKeeper(std::string name, std::unique_ptr<Lease> lease, absl::Duration poll)
    : name_(std::move(name)), lease_(std::move(lease)), poll_(poll) {}

void LeaseKeeper::Add(std::function<void()> start, std::function<void()> stop) {
  work_.push_back({std::move(start), std::move(stop)});
}

void LeaseKeeper::Start() { loop_.Start(); }

void LeaseKeeper::Stop() {
  loop_.Stop();
  if (running_) {
    Become(false, /*lost=*/false);
    lease_->Release();
  }
}

absl::Duration LeaseKeeper::Round() {
  auto holds = lease_->TryHold();
  if (!holds.ok()) {
    std::string error(holds.status().message());
    if (error != last_error_) log::Warn("lease check failed", {{"lease", name_}, {"error", error}});
    last_error_ = error;
  } else {
    last_error_.clear();
  }
  bool holder = holds.ok() && *holds;
  if (holder != running_) Become(holder);
  return poll_;
}

void LeaseKeeper::Become(bool holder, bool lost) {
  static auto& held = metrics::Registry::Default().Gauge(
      "laso_lease_held", "1 in the replica that holds the lease and runs the service's singleton work", {"lease"});
  held.Set({name_}, holder ? 1 : 0);
  if (holder) {
    log::Info("this replica runs the singletons", {{"lease", name_}});
    held_.store(true, std::memory_order_release);
    for (Work& w : work_) w.start();
  } else {
    if (lost) log::Warn("this replica lost the lease and no longer runs the singletons", {{"lease", name_}});
    else log::Info("this replica gives up the lease", {{"lease", name_}});
    held_.store(false, std::memory_order_release);
    for (auto it = work_.rbegin(); it != work_.rend(); ++it) it->stop();
  }
  running_ = holder;
}

}  // namespace laso::sql
