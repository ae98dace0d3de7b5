#include "common/redis/circuit_breaker.h"

#include <gtest/gtest.h>

namespace laso::redis {
namespace {

TEST(CircuitBreakerTest, OpensOnFailureAndLetsOneProbeThroughAfterCooldown) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  CircuitBreaker breaker(absl::Milliseconds(500), &clock);
  EXPECT_TRUE(breaker.Allow());
  breaker.RecordFailure();
  EXPECT_TRUE(breaker.IsOpen());
  EXPECT_FALSE(breaker.Allow());
  clock.Advance(absl::Milliseconds(499));
  EXPECT_FALSE(breaker.Allow());
  clock.Advance(absl::Milliseconds(1));
  EXPECT_TRUE(breaker.Allow());   // the probe
  EXPECT_FALSE(breaker.Allow());  // only one at a time
  breaker.RecordSuccess();
  EXPECT_FALSE(breaker.IsOpen());
  EXPECT_TRUE(breaker.Allow());
}

TEST(CircuitBreakerTest, AFailedProbeReopens) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  CircuitBreaker breaker(absl::Seconds(1), &clock);
  breaker.RecordFailure();
  clock.Advance(absl::Seconds(1));
  ASSERT_TRUE(breaker.Allow());
  breaker.RecordFailure();
  EXPECT_FALSE(breaker.Allow());
  clock.Advance(absl::Seconds(1));
  EXPECT_TRUE(breaker.Allow());
}

TEST(CircuitBreakerTest, ACancelledProbeFreesTheSlot) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  CircuitBreaker breaker(absl::Seconds(1), &clock);
  breaker.RecordFailure();
  clock.Advance(absl::Seconds(1));
  ASSERT_TRUE(breaker.Allow());
  breaker.CancelProbe();
  EXPECT_TRUE(breaker.Allow());
}

}  // namespace
}  // namespace laso::redis
