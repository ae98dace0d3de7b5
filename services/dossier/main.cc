// laso-dossier: citizens follow their public-service dossiers. Wiring only.
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "common/time/time_of_day.h"
#include "services/dossier/dossier_service.h"
#include "services/dossier/sql_dossier_store.h"

namespace {

// Threads for calls that block: writes (one at a time in SQLite, the rest
// queue) and statistics.
constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "dossier";
  auto env = service::LoadServiceEnv(name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  const config::Config& c = (*env)->config;

  auto store = dossier::SqlDossierStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());
  auto due_time = ParseTimeOfDay("dossier.due_time", c.String("dossier.due_time"));
  if (!due_time.ok()) return service::ExitOnError(name, due_time.status());
  int64_t failures;
  absl::Duration window;
  c.Rate("dossier.lookup_failures", &failures, &window);

  dossier::Timeline timeline((*env)->calendar, *due_time);
  dossier::ApplicantKeys applicants(*(*env)->vault);
  dossier::Ingestor ingestor(timeline, applicants, *(*env)->events_vault, RealClock::Get());
  dossier::DossierCache cache(*(*env)->redis,
                              {.redis_ttl = c.Duration("dossier.cache_ttl"),
                               .local_entries = static_cast<size_t>(c.Int("dossier.local_cache_entries")),
                               .local_ttl = c.Duration("dossier.local_cache_ttl")});
  dossier::LookupGuard guard(*(*env)->redis, *(*env)->vault, {.max_failures = failures, .window = window});
  dossier::Dossiers dossiers(**store, &cache, &guard, timeline, applicants, ingestor, RealClock::Get());
  process::WorkerPool writers(kBlockingThreads);
  dossier::DossierGrpc grpc_service(dossiers, *(*env)->verifier, writers);

  return service::ServeUntilSignal(**env, grpc_service);
}
