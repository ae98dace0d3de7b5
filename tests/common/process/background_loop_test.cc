#include "common/process/background_loop.h"

#include <atomic>

#include <gtest/gtest.h>

#include "absl/time/clock.h"

namespace laso::process {
namespace {

TEST(BackgroundLoopTest, RoundsRunBackToBackWhileThereIsMoreThenWaitUntilWoken) {
  std::atomic<int> rounds{0};
  BackgroundLoop loop([&rounds] {
    int n = ++rounds;
    return n < 5 ? absl::ZeroDuration() : absl::Hours(1);  // four rounds with more to do, then idle
  });
  loop.Start();
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (rounds < 5 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(1));
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(rounds, 5);  // waiting an hour now
  loop.Wake();
  while (rounds < 6 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(1));
  EXPECT_EQ(rounds, 6);
  absl::Time stopping = absl::Now();
  loop.Stop();  // does not wait out the hour
  EXPECT_LT(absl::Now() - stopping, absl::Seconds(1));
}

}  // namespace
}  // namespace laso::process
