#include "common/process/periodic_task.h"

namespace laso::process {

PeriodicTask::PeriodicTask(absl::Duration interval, std::function<void()> task)
    : interval_(interval), task_(std::move(task)) {
  loop_.Start();
}

absl::Duration PeriodicTask::Round() {
  if (waited_) task_();
  waited_ = true;
  return interval_;
}

}  // namespace laso::process
