#pragma once

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace laso::process {

// A fixed set of threads for work that blocks (fsync, long queries), so that
// it does not hold the threads that serve everything else. Tasks run in the
// order submitted; at most `max_queued` wait, so a flood is refused rather
// than piling up in memory. The destructor finishes the queue, then joins.
class WorkerPool {
 public:
  explicit WorkerPool(int threads, size_t max_queued = 1000);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False (and the task dropped) when `max_queued` tasks already wait.
  [[nodiscard]] bool TrySubmit(std::function<void()> task);

 private:
  void Run();

  const size_t max_queued_;
  absl::Mutex mu_;
  std::deque<std::function<void()>> tasks_ ABSL_GUARDED_BY(mu_);
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace laso::process
