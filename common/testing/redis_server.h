#pragma once

#include <string>
#include <vector>

#include "common/redis/client.h"
#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"

namespace laso::testing {

// A real redis-server for one test: on a free loopback port, persistence off,
// its files in a temp dir. Tests can kill it (SIGKILL) and restart it on the
// same port to show what happens when Redis goes away and comes back.
class RedisServer {
 public:
  RedisServer();  // starts it; aborts the test binary if it cannot
  // With extra redis-server arguments, e.g. {"--replicaof", "127.0.0.1", "6380"}.
  explicit RedisServer(std::vector<std::string> extra_args);
  ~RedisServer();

  int port() const { return port_; }
  std::string address() const;
  redis::Options ClientOptions() const;

  void Kill();
  // Starts again on the same port and waits until it answers PING.
  void Restart();
  // Freezes the process (SIGSTOP) so it accepts connections but never answers;
  // Resume() lets it go on (SIGCONT).
  void Pause();
  void Resume();

 private:
  bool StartAndWait();
  std::vector<std::string> extra_args_;
  TempDir dir_;
  Subprocess process_;
  int port_ = 0;
};

// A Redis Sentinel on a free loopback port watching `primary_port` as "laso"
// (quorum 2: run three), quick to act: a primary silent for 1 s is down.
class RedisSentinel {
 public:
  explicit RedisSentinel(int primary_port);
  ~RedisSentinel();
  int port() const { return port_; }
  void Kill();

 private:
  TempDir dir_;
  Subprocess process_;
  int port_ = 0;
};

}  // namespace laso::testing
