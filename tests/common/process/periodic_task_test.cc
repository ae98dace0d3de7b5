#include "common/process/periodic_task.h"

#include <atomic>

#include <gtest/gtest.h>

#include "absl/time/clock.h"

namespace laso::process {
namespace {

TEST(PeriodicTaskTest, RunsEveryIntervalUntilStopped) {
  std::atomic<int> runs{0};
  PeriodicTask task(absl::Milliseconds(10), [&] { ++runs; });
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (runs < 3 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  task.Stop();
  int after_stop = runs;
  EXPECT_GE(after_stop, 3);
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(runs, after_stop);
}

TEST(PeriodicTaskTest, StopDoesNotWaitForTheNextInterval) {
  std::atomic<int> runs{0};
  absl::Time start = absl::Now();
  {
    PeriodicTask task(absl::Hours(1), [&] { ++runs; });
  }  // destroyed at once
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  EXPECT_EQ(runs, 0);
}

}  // namespace
}  // namespace laso::process
