#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/redis/circuit_breaker.h"
#include "common/redis/reply.h"
#include "common/redis/sentinel.h"
#include "common/time/clock.h"

struct redisContext;

// Redis, for what it is in laso: a cache and a bus, never the system of record.
// So the client's first duty is to fail fast: connect and command timeouts, and
// a circuit breaker that turns "Redis is down" into an immediate UNAVAILABLE
// instead of a stall on every call, recovering by itself when Redis returns.
namespace laso::redis {

struct Options {
  std::string host = "127.0.0.1";
  int port = 6379;
  // With sentinels, host and port are not used: the sentinels name the primary of master_name.
  std::vector<Endpoint> sentinels;
  std::string master_name = "laso";
  std::string password;
  int pool_size = 8;
  absl::Duration connect_timeout = absl::Milliseconds(200);
  absl::Duration command_timeout = absl::Milliseconds(300);
  absl::Duration breaker_cooldown = absl::Milliseconds(500);
};

using Command = std::vector<std::string>;

class Client {
 public:
  explicit Client(Options options, const Clock* clock = RealClock::Get());
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // One command. A Redis error reply ("-ERR ...") becomes a status
  // (FAILED_PRECONDITION for WRONGTYPE, NOSCRIPT and the like, INTERNAL otherwise);
  // connection trouble is UNAVAILABLE.
  absl::StatusOr<Reply> Run(const Command& command);

  // Several commands in one round trip. Error replies stay in the vector as
  // Reply::Type::kError; only connection trouble fails the whole call.
  absl::StatusOr<std::vector<Reply>> Pipeline(const std::vector<Command>& commands);

  // False while the breaker is open (Redis recently failed).
  bool Available() const { return !breaker_.IsOpen(); }
  const Options& options() const { return options_; }

 private:
  struct Lease;
  absl::StatusOr<redisContext*> Acquire();
  void Release(redisContext* ctx, bool healthy);
  absl::StatusOr<redisContext*> Connect();
  void DropIdle();

  Options options_;
  const Clock* clock_;
  CircuitBreaker breaker_;
  absl::Mutex mu_;
  std::vector<redisContext*> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle plus in use
};

}  // namespace laso::redis
