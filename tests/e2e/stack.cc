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

Stack::Stack(sql::Engine engine) : zalo_port_(DistinctFreePort()), http_port_(DistinctFreePort()), http_(http_port_) {
  std::string zalo = absl::StrCat("http://127.0.0.1:", zalo_port_);
  std::vector<std::string> backends;
  for (const std::string& s : Services()) {
    ports_[s] = DistinctFreePort();
    backends.push_back(absl::StrCat(s, "=127.0.0.1:", ports_[s]));
  }
  env_ = {absl::StrCat("LASO_DATA_DIR=", dir_.path()),
          absl::StrCat("LASO_HTTP_PORT=", http_port_),
          absl::StrCat("LASO_REDIS_ADDRESS=", redis_.address()),
          absl::StrCat("LASO_CALENDAR_DIR=", Source("deploy/data/calendar")),
          absl::StrCat("LASO_GATEWAY_BACKENDS=", absl::StrJoin(backends, ",")),
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
          "LASO_RATELIMIT_LOOKUP_PER_IP=off",
          "LASO_RATELIMIT_GUESS_PER_IP=off",
          "LASO_RATELIMIT_GUESS_PER_USER=off",
          "LASO_RATELIMIT_LOOKUP_PER_USER=off",
          "LASO_RATELIMIT_WRITE_PER_IP=off",
          "LASO_RATELIMIT_WRITE_PER_USER=off"};
  for (const std::string& s : Services()) {
    env_.push_back(absl::StrCat("LASO_", absl::AsciiStrToUpper(s), "_LISTEN=127.0.0.1:", ports_[s]));
    if (engine == sql::Engine::kPostgres) {
      PostgresServer& pg = PostgresServer::Shared();
      pg_databases_.push_back(pg.CreateDatabase());
      env_.push_back(absl::StrCat("LASO_", absl::AsciiStrToUpper(s), "_DATABASE=", pg.Uri(pg_databases_.back())));
    }
  }
}

Stack::~Stack() {
  zalo_.Kill();
  gateway_.Kill();
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

bool Stack::StartService(const std::string& service) {
  auto p = std::make_unique<Subprocess>();
  if (!p->Start({Bin(absl::StrCat("services/", service, "/laso-", service))}, dir_.File(service + ".log"), env_)) {
    return false;
  }
  services_[service] = std::move(p);
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
    if (!StartService(s)) {
      *why = s + " did not start";
      return false;
    }
  }
  if (!gateway_.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_) || !WaitReady(http_)) {
    *why = "not ready: " + Log("gateway");
    for (const std::string& s : Services()) *why += "\n" + s + ": " + Log(s).substr(0, 2000);
    return false;
  }
  return true;
}

void Stack::StopServices() {
  gateway_.Terminate();
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

void Stack::Kill(const std::string& service) {
  auto it = services_.find(service);
  if (it != services_.end()) it->second->Kill();
}

bool Stack::Restart(const std::string& service) {
  Kill(service);
  return StartService(service);
}

std::string Stack::StaffBearer(const std::string& role, const std::string& name) {
  std::string out = dir_.File("token-" + name);
  if (RunCli({"token", "--role", role, "--name", name}, env_, out) != 0) return "";
  return "Bearer " + std::string(absl::StripAsciiWhitespace(ReadWholeFile(out)));
}

}  // namespace laso::testing
