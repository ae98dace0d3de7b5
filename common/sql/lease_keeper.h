#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/process/background_loop.h"
#include "common/sql/lease.h"

namespace laso::sql {

// Runs a service's singleton work in the one replica that holds its lease.
// Every `poll` it tries to hold the lease (or checks it still does). When this
// process becomes the holder it starts the work added, in order; when it stops
// being the holder (its connection dropped) or on Stop(), it stops the work in
// reverse order. Periodic jobs that are cheaper to leave running check held().
//
// A holder that dies frees the lease at once, so another replica takes over
// within one poll. A holder cut off from the database notices within one poll
// too, so for up to a poll two replicas may both run the work: the work must
// be safe to run twice (the relay and the sender are: consumers drop repeated
// event ids, a ZNS message is marked sending before it goes out).
class LeaseKeeper {
 public:
  LeaseKeeper(std::string name, std::unique_ptr<Lease> lease, absl::Duration poll);
  ~LeaseKeeper() { Stop(); }
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

  // Work that runs while this process holds the lease. Add before Start().
  void Add(std::function<void()> start, std::function<void()> stop);
  void Start();
  void Stop();
  bool held() const { return held_.load(std::memory_order_acquire); }

 private:
  absl::Duration Round();
  // `holder` false: `lost` says whether the lease went away (a warning) or is being given up (Stop).
  void Become(bool holder, bool lost = true);

  const std::string name_;
  std::unique_ptr<Lease> lease_;
  const absl::Duration poll_;
  struct Work {
    std::function<void()> start, stop;
  };
  std::vector<Work> work_;
  std::atomic<bool> held_{false};
  bool running_ = false;  // the work is started (the loop's thread, or Stop after it)
  std::string last_error_;
  process::BackgroundLoop loop_{[this] { return Round(); }};
};

}  // namespace laso::sql
