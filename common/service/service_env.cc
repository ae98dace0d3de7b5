#include "common/service/service_env.h"

#include <cstdio>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/config/key_values.h"
#include "common/idempotency/sql_ledger.h"
#include "common/log/log.h"
#include "common/outbox/relay.h"
#include "common/process/free_memory.h"
#include "common/process/periodic_task.h"
#include "common/redis/options.h"
#include "common/sql/open_database.h"
#include "common/metrics/retention.h"
#include "common/time/calendar_file.h"

namespace laso::service {

absl::StatusOr<std::unique_ptr<ServiceEnv>> LoadServiceEnv(const config::Schema& schema, const std::string& name,
                                                           int argc, char** argv) {
  auto config = config::Load(schema, config::ProcessSources(argc, argv));
  if (!config.ok()) return config.status();
  auto env = std::unique_ptr<ServiceEnv>(new ServiceEnv{name, std::move(*config)});
  const config::Config& c = env->config;

  log::Level level = log::Level::kInfo;
  log::ParseLevel(c.String("log.level"), &level);
  log::Configure(name, level);

  env->data_dir = c.String("data_dir");
  std::error_code ec;
  std::filesystem::create_directories(env->data_dir, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("cannot create data_dir ", env->data_dir, ": ", ec.message()));

  auto db = sql::OpenDatabase(c, absl::StrCat(name, ".database"), absl::StrCat("laso-", name));
  if (!db.ok()) return db.status();
  env->db = std::move(*db);
  auto lease = env->db->OpenLease(name);
  if (!lease.ok()) return lease.status();
  env->singletons = std::make_unique<sql::LeaseKeeper>(name, std::move(*lease), c.Duration("lease.poll_interval"));

  env->redis = std::make_unique<redis::Client>(redis::OptionsFromConfig(c));
  const auto missing = crypto::MissingKeyPolicy(c.Bool("keys.create_missing"));
  const std::string keys_dir = config::KeysDir(c);
  auto key = rpc::LoadInternalKey(config::InternalKeyFile(c), env->data_dir, RealClock::Get(), missing);
  if (!key.ok()) return key.status();
  env->verifier =
      std::make_unique<rpc::IdentityVerifier>(*key, c.Duration("internal.identity_max_age"), RealClock::Get());
  for (auto [vault_name, into] : {std::pair{name, &env->vault}, std::pair{std::string("events"), &env->events_vault}}) {
    auto vault = crypto::PiiVault::OpenIn(keys_dir, vault_name, RealClock::Get(), missing);
    if (!vault.ok()) return vault.status();
    *into = std::make_unique<crypto::PiiVault>(*std::move(vault));
  }
  if (auto s = LoadCalendarDir(c.String("calendar.dir"), c.String("calendar.country"), &env->calendar); !s.ok()) {
    return config::KeyError("calendar.dir", s);
  }
  env->server = rpc::ServerOptionsFromConfig(c, absl::StrCat(name, ".listen"));
  return env;
}

void WarnIfFailed(absl::string_view what, const absl::Status& status) {
  if (!status.ok()) log::Warn(absl::StrCat(what, " failed"), {{"error", std::string(status.message())}});
}

int ExitOnError(const std::string& name, const absl::Status& status) {
  std::fprintf(stderr, "laso-%s: %s\n", name.c_str(), std::string(status.message()).c_str());
  log::Error("cannot start", {{"error", std::string(status.message())}});
  log::Flush();
  return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

int ServeUntilSignal(ServiceEnv& env, grpc::Service& service) {
  process::FreeMemoryReturner free_memory;  // what an import or a large sync freed goes back to the system
  outbox::Relay relay(*env.db, *env.redis, outbox::RelayOptionsFromConfig(env.config, env.name), RealClock::Get());
  env.singletons->Add([&relay] { relay.Start(); }, [&relay] { relay.Stop(); });
  // Every store makes the ledger of retried writes when it opens (common/idempotency). A phone
  // retries within minutes; an Idempotency-Key is remembered for idempotency.window.
  const absl::Duration window = env.config.Duration("idempotency.window");
  process::PeriodicTask forget_keys(absl::Hours(1), [&env, window] {
    if (!env.singletons->held()) return;
    auto pruned = idempotency::PruneLedger(*env.db, RealClock::Get()->Now() - window);
    WarnIfFailed("pruning idempotency keys", pruned.status());
    if (pruned.ok()) metrics::CountErased(env.name + ".idempotency_keys", *pruned);
  });
  env.singletons->Start();
  rpc::Server server(env.server);
  server.AddService(&service);
  if (auto s = server.Start(); !s.ok()) {
    env.singletons->Stop();
    return ExitOnError(env.name, s);
  }
  server.RunUntilSignal();
  env.singletons->Stop();
  return 0;
}

}  // namespace laso::service
