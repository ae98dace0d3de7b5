#pragma once

#include <functional>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/redis/async_client.h"
#include "common/redis/script.h"

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
class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    absl::Duration retry_after;  // when refused
    bool redis_down = false;     // refused or allowed without asking Redis
  };

  RateLimiter(redis::AsyncClient& redis, std::map<std::string, ClassLimits> classes);

  // `done` runs once on a Redis worker thread. Unknown classes use "default".
  void Check(const std::string& route_class, const std::string& ip, const std::string& subject,
             std::function<void(Decision)> done);

 private:
  redis::AsyncClient& redis_;
  std::map<std::string, ClassLimits> classes_;
  redis::Script script_;
};

}  // namespace laso::gateway
