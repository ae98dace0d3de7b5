#pragma once

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/redis/client.h"
#include "common/redis/script.h"

namespace laso::redis {

// Runs Redis calls on a few worker threads so that an event loop (the
// gateway's) never waits on Redis, even while Redis stalls. Results arrive on
// a worker thread. When the queue is full, calls fail at once with UNAVAILABLE
// rather than piling up.
class AsyncClient {
 public:
  using Done = std::function<void(absl::StatusOr<Reply>)>;

  AsyncClient(Client& client, int threads = 2, size_t max_queue = 10000);
  ~AsyncClient();

  void Run(Command command, Done done);
  void RunScript(const Script& script, std::vector<std::string> keys, std::vector<std::string> args, Done done);
  Client& client() { return client_; }

 private:
  void Submit(std::function<void()> work, const Done& on_full);
  void Work();

  Client& client_;
  const size_t max_queue_;
  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace laso::redis
