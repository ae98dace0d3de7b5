#include "common/time/clock.h"

#include <gtest/gtest.h>

#include "absl/time/clock.h"

namespace laso {
namespace {

TEST(ClockTest, FakeClockMovesOnlyWhenTold) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  EXPECT_EQ(clock.Now(), absl::FromUnixSeconds(1000));
  clock.Advance(absl::Seconds(5));
  EXPECT_EQ(clock.Now(), absl::FromUnixSeconds(1005));
  clock.Set(absl::FromUnixSeconds(42));
  EXPECT_EQ(clock.Now(), absl::FromUnixSeconds(42));
}

TEST(ClockTest, RealClockIsNow) {
  EXPECT_LT(absl::AbsDuration(RealClock::Get()->Now() - absl::Now()), absl::Seconds(1));
}

}  // namespace
}  // namespace laso
