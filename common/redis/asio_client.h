#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "absl/status/statusor.h"
#include "common/redis/circuit_breaker.h"
#include "common/redis/client.h"
#include "common/redis/reply.h"
#include "common/redis/script.h"

struct redisAsyncContext;

namespace laso::redis {

// Redis on an Asio event loop (hiredis's asynchronous API): commands from many
// requests are pipelined on one connection and answered on the loop, so an
// HTTP front end checks rate limits without a thread per call or a thread
// hand-off. The same promises as Client: every command has a timeout, and a
// circuit breaker turns "Redis is down" into an immediate UNAVAILABLE until a
// probe after the cooldown succeeds. Callbacks run on the client's strand.
class AsioClient {
 public:
  using Done = std::function<void(absl::StatusOr<Reply>)>;

  AsioClient(boost::asio::io_context& ioc, Options options, const Clock* clock = RealClock::Get());
  // Call only once the io_context has stopped: pending commands fail with UNAVAILABLE.
  ~AsioClient();

  void Run(Command command, Done done);
  void RunScript(const Script& script, std::vector<std::string> keys, std::vector<std::string> args, Done done);

  struct Connection;

 private:
  void RunOnStrand(Command command, Done done);
  bool Connect();
  void Fail(std::shared_ptr<Connection> conn, const char* why);
  void ScheduleSweep();
  void Sweep();

  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::steady_timer sweep_timer_;
  bool sweeping_ = false;
  Options options_;
  const Clock* clock_;
  CircuitBreaker breaker_;
  std::shared_ptr<Connection> conn_;
};

}  // namespace laso::redis
