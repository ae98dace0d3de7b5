#pragma once

#include <functional>
#include <map>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/redis/asio_client.h"
#include "common/redis/script.h"
#include "common/time/clock.h"

namespace laso::gateway {

// "N/period", e.g. "60/1m": a bucket of N tokens refilled evenly over the period.
struct Rate {
  int64_t tokens = 0;  // 0: no limit
  absl::Duration period = absl::Minutes(1);
};

struct ClassLimits {
  Rate per_ip;
  Rate per_user;
  // Refuse (rather than allow) while Redis cannot be asked: for sign-in and
  // routes where someone could guess codes.
  bool fail_closed = false;
};

// Token buckets in Redis, checked and taken in one Lua script so that
// concurrent requests and gateway replicas share them atomically. One bucket
// per client IP and one per signed-in user, per route class.
//
// Large buckets are leased: a call may take up to Lease(capacity) tokens
// (capacity/64, at most 64) and spend them locally for up to a second, which
// spares Redis a round trip per request. Buckets under 128 tokens per period
// (the defaults for sign-in, guessable codes and per-user writes) lease one
// token at a time, so they stay exact. A lease never admits more than Redis
// granted; unspent leased tokens lapse after the second.
class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    absl::Duration retry_after;  // when refused
    bool redis_down = false;     // decided without Redis
  };

  RateLimiter(redis::AsioClient& redis, std::map<std::string, ClassLimits> classes, const Clock* clock);

  // `done` runs once, inline or on the Redis client's strand. Unknown classes use "default".
  void Check(const std::string& route_class, const std::string& ip, const std::string& subject,
             std::function<void(Decision)> done);

  static int64_t Lease(const Rate& rate);
  static constexpr absl::Duration kLeaseLife = absl::Seconds(1);

 private:
  struct Bucket {
    std::string key;
    Rate rate;
    int64_t lease;
  };
  struct Leased {
    int64_t tokens = 0;
    absl::Time expires;
  };
  // Takes one token from each bucket's local lease if every one has a token.
  bool TakeFromLeases(const std::vector<Bucket>& buckets);
  void KeepLease(const std::string& key, int64_t tokens);

  redis::AsioClient& redis_;
  std::map<std::string, ClassLimits> classes_;
  const Clock* clock_;
  redis::Script script_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Leased> leases_ ABSL_GUARDED_BY(mu_);
};

}  // namespace laso::gateway
