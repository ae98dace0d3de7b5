#include "common/process/periodic_task.h"

namespace laso::process {

PeriodicTask::PeriodicTask(absl::Duration interval, std::function<void()> task)
    : interval_(interval), task_(std::move(task)) {
  thread_ = std::thread([this] { Run(); });
}

void PeriodicTask::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void PeriodicTask::Run() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto stopped = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stop_; };
      mu_.AwaitWithTimeout(absl::Condition(&stopped), interval_);
      if (stop_) return;
    }
    task_();
  }
}

}  // namespace laso::process
