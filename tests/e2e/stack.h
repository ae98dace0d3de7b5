#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/sql/database.h"
#include "common/testing/http_test_client.h"
#include "common/testing/redis_server.h"
#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"

namespace laso::testing {

// How many of each: one of everything is tools/up; the HA test runs two
// replicas of each service and two gateways behind haproxy, with Redis
// replicated and watched by three sentinels.
struct StackShape {
  int replicas = 1;  // of each service
  int gateways = 1;
  bool haproxy = false;   // in front of the gateways; http() then goes through it
  bool sentinels = false;  // a Redis replica and three sentinels; clients follow the primary
};

// The whole of laso as tools/up runs it, for fault tests: redis-server,
// fake-zalo, every service in the list and the gateway, each a process of its own on
// free ports, sharing one data directory (and so the keys). On PostgreSQL each
// service gets a database of its own on the shared test server, which all its
// replicas use.
class Stack {
 public:
  static const std::vector<std::string>& Services();  // services/services.cmake: feedback ... staff, privacy

  explicit Stack(sql::Engine engine = sql::Engine::kSqlite, StackShape shape = {});
  ~Stack();
  // Starts everything and waits for /readyz; false (with the logs) if it could not.
  bool Start(std::string* why);

  void Kill(const std::string& service, int replica = 0);  // SIGKILL
  void KillGateway(int gateway);                            // SIGKILL
  // The Redis primary (SIGKILL): with sentinels, the replica takes over.
  void KillRedisPrimary();
  // Stops every service and the gateway (SIGTERM); Redis and fake-zalo stay.
  void StopServices();
  // Starts the services and the gateway again and waits for /readyz.
  bool StartServices(std::string* why);
  // Removes every service's data, as a lost disk would: SQLite files, key files,
  // attachments; on PostgreSQL each service's database is dropped and created empty.
  void WipeData();
  bool Restart(const std::string& service, int replica = 0);
  RedisServer& redis() { return redis_; }
  HttpTestClient& http() { return http_; }
  int http_port() const { return http_port_; }  // haproxy's when there is one
  int zalo_port() const { return zalo_port_; }
  const std::vector<std::string>& env() const { return env_; }
  const std::string& data_dir() const { return dir_.path(); }
  std::string Log(const std::string& process) const;
  // Sets NAME=value in every process's environment (before Start), replacing the
  // stack's own setting, e.g. "LASO_RATELIMIT_GUESS_PER_IP=20/1m".
  void SetEnv(const std::string& name_value);
  // `laso import feedback-catalog` of the demo catalogue (agencies, wards, categories); false if it failed.
  bool ImportDemoCatalog();
  // "Bearer <token>" for a staff role (`laso token`).
  std::string StaffBearer(const std::string& role, const std::string& name);

 private:
  bool StartService(const std::string& service, int replica);
  bool StartHaproxy(std::string* why);
  std::string ProcessName(const std::string& service, int replica) const;

  StackShape shape_;
  TempDir dir_;
  std::vector<std::string> pg_databases_;
  RedisServer redis_;
  std::unique_ptr<RedisServer> redis_replica_;
  std::vector<std::unique_ptr<RedisSentinel>> sentinels_;
  int zalo_port_;
  int http_port_;
  std::vector<int> gateway_ports_;
  std::map<std::string, std::vector<int>> ports_;  // by service, one per replica
  std::vector<std::string> env_;
  Subprocess zalo_, haproxy_;
  std::vector<std::unique_ptr<Subprocess>> gateways_;
  std::map<std::string, std::unique_ptr<Subprocess>> services_;  // by process name
  HttpTestClient http_;
};

}  // namespace laso::testing
