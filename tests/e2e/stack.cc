#include "tests/e2e/stack.h"

#include <filesystem>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "services/laso_schema.h"
#include "common/testing/ports.h"
#include "common/testing/postgres_server.h"
#include "tests/e2e/processes.h"

namespace laso::testing {

const std::vector<std::string>& Stack::Services() {
  return ServiceNames();
}

namespace {

// A free port no other process of this stack was given: the kernel may hand
// the same free port to two consecutive probes.
int DistinctFreePort() {
  static absl::Mutex mu;
  static auto* given = new std::set<int>();
  absl::MutexLock lock(&mu);
  int port = FreePort();
  while (given->count(port)) port = FreePort();
  given->insert(port);
  return port;
}

}  // namespace

Stack::Stack(sql::Engine engine, StackShape shape)
    : shape_(shape), zalo_port_(DistinctFreePort()), http_port_(DistinctFreePort()), http_(http_port_) {
  std::string zalo = absl::StrCat("http://127.0.0.1:", zalo_port_);
  std::vector<std::string> backends;
  for (const std::string& s : Services()) {
    std::vector<std::string> addresses;
    for (int r = 0; r < shape_.replicas; ++r) {
      ports_[s].push_back(DistinctFreePort());
      addresses.push_back(absl::StrCat("127.0.0.1:", ports_[s].back()));
    }
    backends.push_back(absl::StrCat(s, "=", absl::StrJoin(addresses, "|")));
  }
  for (int g = 0; g < shape_.gateways; ++g) gateway_ports_.push_back(g == 0 && !shape_.haproxy ? http_port_ : DistinctFreePort());
  env_ = {absl::StrCat("LASO_DATA_DIR=", dir_.path()),
          absl::StrCat("LASO_HTTP_PORT=", http_port_),  // the front door (a gateway's own port is set below)
          absl::StrCat("LASO_REDIS_ADDRESS=", redis_.address()),
          absl::StrCat("LASO_CALENDAR_DIR=", Source("deploy/data/calendar")),
          absl::StrCat("LASO_GATEWAY_BACKENDS=", absl::StrJoin(backends, ",")),
          absl::StrCat("LASO_PRIVACY_NOTICE_DIR=", Source("deploy/data/privacy")),
          absl::StrCat("LASO_FEEDBACK_BOUNDARY_FILE=", Source("deploy/data/boundary/long-an.geojson")),
          absl::StrCat("LASO_WASTE_BOUNDARY_FILE=", Source("deploy/data/boundary/long-an.geojson")),
          absl::StrCat("LASO_WASTE_GUIDE_FILE=", Source("deploy/data/waste/guide.json")),
          absl::StrCat("LASO_BILLING_PROVIDERS_FILE=", Source("deploy/data/billing/providers.json")),
          absl::StrCat("LASO_NOTIFY_TEMPLATES_FILE=", Source("deploy/data/notify/templates.json")),
          "LASO_BILLING_PHONE_HASH_KEY=stack-phone-key",
          "LASO_BILLING_ZALO_CHECKOUT_PRIVATE_KEY=stack-checkout-key",
          "LASO_ZALO_GRAPH_BASE_URL=" + zalo,
          "LASO_ZALO_ZNS_BASE_URL=" + zalo,
          "LASO_ZALO_OAUTH_BASE_URL=" + zalo,
          "LASO_ZALO_APP_SECRET=stack-secret",
          "LASO_ZALO_OA_REFRESH_TOKEN=fake-oa-refresh-token",
          "LASO_NOTIFY_CONSUMER=notify-stack",
          // Zalo messages go at once whatever the hour the tests run at (quiet hours are notify's own tests').
          "LASO_NOTIFY_DEFAULT_QUIET_HOURS=off",
          "LASO_RATELIMIT_LOOKUP_PER_IP=off",
          "LASO_RATELIMIT_GUESS_PER_IP=off",
          "LASO_RATELIMIT_GUESS_PER_USER=off",
          "LASO_RATELIMIT_LOOKUP_PER_USER=off",
          "LASO_RATELIMIT_WRITE_PER_IP=off",
          "LASO_RATELIMIT_WRITE_PER_USER=off"};
  if (shape_.sentinels) {
    redis_replica_ = std::make_unique<RedisServer>(
        std::vector<std::string>{"--replicaof", "127.0.0.1", absl::StrCat(redis_.port())});
    std::vector<std::string> sentinels;
    for (int i = 0; i < 3; ++i) {
      sentinels_.push_back(std::make_unique<RedisSentinel>(redis_.port()));
      sentinels.push_back(absl::StrCat("127.0.0.1:", sentinels_.back()->port()));
    }
    env_.push_back("LASO_REDIS_SENTINELS=" + absl::StrJoin(sentinels, ","));
    env_.push_back("LASO_REDIS_BREAKER_COOLDOWN=200ms");
  }
  if (shape_.replicas > 1) {
    env_.push_back("LASO_FEEDBACK_ATTACHMENT_STORE=database");  // no shared disk between replicas
    env_.push_back("LASO_GATEWAY_HEALTH_INTERVAL=250ms");
    env_.push_back("LASO_LEASE_POLL_INTERVAL=250ms");
  }
  for (const std::string& s : Services()) {
    // Replica 0's address, for the CLI (RunCli with env()); each replica gets its own in StartService.
    env_.push_back(absl::StrCat("LASO_", absl::AsciiStrToUpper(s), "_LISTEN=127.0.0.1:", ports_[s][0]));
    if (engine == sql::Engine::kPostgres) {
      PostgresServer& pg = PostgresServer::Shared();
      pg_databases_.push_back(pg.CreateDatabase());
      env_.push_back(absl::StrCat("LASO_", absl::AsciiStrToUpper(s), "_DATABASE=", pg.Uri(pg_databases_.back())));
    }
  }
}

Stack::~Stack() {
  zalo_.Kill();
  haproxy_.Kill();
  gateways_.clear();
  services_.clear();  // killed, so their connections close before the databases go
  for (const std::string& db : pg_databases_) PostgresServer::Shared().DropDatabase(db);
}

void Stack::SetEnv(const std::string& name_value) {
  std::string prefix = name_value.substr(0, name_value.find('=') + 1);
  for (std::string& e : env_) {
    if (absl::StartsWith(e, prefix)) {
      e = name_value;
      return;
    }
  }
  env_.push_back(name_value);
}

std::string Stack::Log(const std::string& process) const { return ReadWholeFile(dir_.File(process + ".log")); }

std::string Stack::ProcessName(const std::string& service, int replica) const {
  return replica == 0 ? service : absl::StrCat(service, "-", replica);
}

bool Stack::StartService(const std::string& service, int replica) {
  std::vector<std::string> env = env_;
  const std::string listen = absl::StrCat("LASO_", absl::AsciiStrToUpper(service), "_LISTEN=");
  for (std::string& e : env) {
    if (absl::StartsWith(e, listen)) e = absl::StrCat(listen, "127.0.0.1:", ports_[service][replica]);
    if (absl::StartsWith(e, "LASO_NOTIFY_CONSUMER=") && replica > 0) e = absl::StrCat(e, "-", replica);
  }
  std::string name = ProcessName(service, replica);
  auto p = std::make_unique<Subprocess>();
  if (!p->Start({Bin(absl::StrCat("services/", service, "/laso-", service))}, dir_.File(name + ".log"), env)) {
    return false;
  }
  services_[name] = std::move(p);
  return true;
}

bool Stack::StartHaproxy(std::string* why) {
  std::string servers;
  for (size_t g = 0; g < gateway_ports_.size(); ++g) {
    absl::StrAppend(&servers, "    server gateway", g, " 127.0.0.1:", gateway_ports_[g], "\n");
  }
  // deploy/haproxy/laso.cfg's choices, on loopback ports and with quick checks.
  std::string cfg = absl::StrCat(
      "global\n    maxconn 2000\n"
      "defaults\n    mode http\n    timeout connect 1s\n    timeout client 30s\n    timeout server 30s\n"
      "    retries 2\n    option redispatch\n    option http-keep-alive\n"
      "frontend laso\n    bind 127.0.0.1:", http_port_, "\n    option forwardfor\n    default_backend gateways\n"
      "backend gateways\n    balance roundrobin\n    option httpchk\n    http-check send meth GET uri /readyz\n"
      "    http-check expect status 200\n    default-server check inter 250ms fall 1 rise 2\n",
      servers);
  std::string path = dir_.File("haproxy.cfg");
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(cfg.c_str(), f);
  std::fclose(f);
  if (!haproxy_.Start({"haproxy", "-db", "-f", path}, dir_.File("haproxy.log"))) {
    *why = "haproxy did not start";
    return false;
  }
  return true;
}

bool Stack::Start(std::string* why) {
  if (!zalo_.Start({Bin("tools/fake-zalo/fake-zalo"), "--port", absl::StrCat(zalo_port_), "--app-secret",
                    "stack-secret", "--demo"},
                   dir_.File("fake-zalo.log"))) {
    *why = "fake-zalo did not start";
    return false;
  }
  // The keys, made once as a deployment makes them: every process refuses to start without them.
  if (RunCli({"keys", "init"}, env_, dir_.File("keys-init.out")) != 0) {
    *why = "laso keys init failed: " + ReadWholeFile(dir_.File("keys-init.out.err"));
    return false;
  }
  return StartServices(why);
}

bool Stack::StartServices(std::string* why) {
  for (const std::string& s : Services()) {
    for (int r = 0; r < shape_.replicas; ++r) {
      if (!StartService(s, r)) {
        *why = s + " did not start";
        return false;
      }
    }
  }
  gateways_.clear();
  for (size_t g = 0; g < gateway_ports_.size(); ++g) {
    std::vector<std::string> env = env_;
    for (std::string& e : env) {
      if (absl::StartsWith(e, "LASO_HTTP_PORT=")) e = absl::StrCat("LASO_HTTP_PORT=", gateway_ports_[g]);
    }
    gateways_.push_back(std::make_unique<Subprocess>());
    std::string name = g == 0 ? "gateway" : absl::StrCat("gateway-", g);
    if (!gateways_.back()->Start({Bin("services/gateway/laso-gateway")}, dir_.File(name + ".log"), env)) {
      *why = name + " did not start";
      return false;
    }
  }
  if (shape_.haproxy && !haproxy_.Running() && !StartHaproxy(why)) return false;
  if (!WaitReady(http_)) {
    *why = "not ready: " + Log("gateway") + Log("haproxy");
    for (const std::string& s : Services()) *why += "\n" + s + ": " + Log(s).substr(0, 2000);
    return false;
  }
  return true;
}

void Stack::StopServices() {
  for (auto& gateway : gateways_) gateway->Terminate();
  for (auto& [name, process] : services_) process->Terminate();
}

void Stack::WipeData() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path(), ec)) {
    std::string name = entry.path().filename().string();
    if (absl::StrContains(name, ".db") || name == "keys" || name == "attachments") {
      std::filesystem::remove_all(entry.path(), ec);
    }
  }
  for (const std::string& db : pg_databases_) PostgresServer::Shared().RecreateDatabase(db);
}

void Stack::Kill(const std::string& service, int replica) {
  auto it = services_.find(ProcessName(service, replica));
  if (it != services_.end()) it->second->Kill();
}

void Stack::KillGateway(int gateway) { gateways_[gateway]->Kill(); }

void Stack::KillRedisPrimary() { redis_.Kill(); }

bool Stack::Restart(const std::string& service, int replica) {
  Kill(service, replica);
  return StartService(service, replica);
}

bool Stack::ImportDemoCatalog() {
  return RunCli({"import", "feedback-catalog", Source("deploy/demo/feedback_catalog.json")}, env_,
                dir_.File("catalog.out")) == 0;
}

std::string Stack::StaffBearer(const std::string& role, const std::string& name) {
  std::string out = dir_.File("token-" + name);
  if (RunCli({"token", "--role", role, "--name", name}, env_, out) != 0) return "";
  return "Bearer " + std::string(absl::StripAsciiWhitespace(ReadWholeFile(out)));
}

}  // namespace laso::testing
