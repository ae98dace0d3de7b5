#include "common/testing/redis_server.h"

#include <signal.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/ports.h"

namespace laso::testing {

RedisServer::RedisServer() : RedisServer(std::vector<std::string>{}) {}

RedisServer::RedisServer(std::vector<std::string> extra_args) : extra_args_(std::move(extra_args)), port_(FreePort()) {
  // A port another program holds (not a test: those claim theirs) means another try elsewhere.
  for (int attempt = 1; !StartAndWait(); ++attempt) {
    process_.Kill();
    if (attempt == 3) {
      std::fprintf(stderr, "cannot start redis-server on port %d (is redis-server installed?)\n", port_);
      std::abort();
    }
    port_ = FreePort();
  }
}

RedisServer::~RedisServer() { process_.Kill(); }

std::string RedisServer::address() const { return absl::StrCat("127.0.0.1:", port_); }

redis::Options RedisServer::ClientOptions() const {
  redis::Options options;
  options.host = "127.0.0.1";
  options.port = port_;
  return options;
}

bool RedisServer::StartAndWait() {
  std::vector<std::string> argv = {"redis-server", "--port", absl::StrCat(port_), "--bind", "127.0.0.1",
                                   "--save", "", "--appendonly", "no", "--daemonize", "no",
                                   "--dir", dir_.path(), "--loglevel", "warning"};
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  if (!process_.Start(argv, dir_.File("redis.log"))) return false;
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline && process_.Running()) {  // it exits at once if the port is taken
    if (PortAcceptsConnections(port_)) {
      redis::Client probe(ClientOptions());
      auto pong = probe.Run({"PING"});
      if (pong.ok()) return true;
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  return false;
}

void RedisServer::Kill() { process_.Kill(); }

void RedisServer::Restart() {
  process_.Kill();
  if (!StartAndWait()) {
    std::fprintf(stderr, "cannot restart redis-server on port %d\n", port_);
    std::abort();
  }
}

RedisSentinel::RedisSentinel(int primary_port) : port_(FreePort()) {
  std::string conf = dir_.File("sentinel.conf");
  std::FILE* f = std::fopen(conf.c_str(), "w");
  std::fprintf(f,
               "port %d\nbind 127.0.0.1\ndir %s\n"
               "sentinel monitor laso 127.0.0.1 %d 2\n"
               "sentinel down-after-milliseconds laso 1000\n"
               "sentinel failover-timeout laso 5000\n"
               "sentinel parallel-syncs laso 1\n",
               port_, dir_.path().c_str(), primary_port);
  std::fclose(f);
  if (!process_.Start({"redis-server", conf, "--sentinel"}, dir_.File("sentinel.log"))) std::abort();
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline && !PortAcceptsConnections(port_)) absl::SleepFor(absl::Milliseconds(5));
}

RedisSentinel::~RedisSentinel() { process_.Kill(); }

void RedisSentinel::Kill() { process_.Kill(); }

void RedisServer::Pause() { process_.Signal(SIGSTOP); }

void RedisServer::Resume() { process_.Signal(SIGCONT); }

}  // namespace laso::testing
