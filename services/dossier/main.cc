// laso-dossier: citizens follow their public-service dossiers. Wiring only.
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "services/dossier/dossier_config.h"
#include "services/dossier/dossier_service.h"
#include "services/dossier/sql_dossier_store.h"
#include "services/laso_schema.h"

namespace {

// Threads for calls that block: writes (one at a time in SQLite, the rest
// queue) and statistics.
constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "dossier";
  auto env = service::LoadServiceEnv(LasoSchema(), name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  auto config = dossier::DossierConfigFrom((*env)->config);
  if (!config.ok()) return service::ExitOnError(name, config.status());

  auto store = dossier::SqlDossierStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());

  dossier::Timeline timeline((*env)->calendar, config->due_time_of_day);
  dossier::ApplicantKeys applicants(*(*env)->vault);
  dossier::Ingestor ingestor(timeline, applicants, *(*env)->events_vault, RealClock::Get());
  dossier::DossierCache cache(*(*env)->redis, config->cache);
  dossier::LookupGuard guard(*(*env)->redis, *(*env)->vault, config->lookup_guard);
  dossier::Dossiers dossiers(**store, &cache, &guard, timeline, applicants, ingestor, RealClock::Get());
  process::WorkerPool writers(kBlockingThreads);
  dossier::DossierGrpc grpc_service(dossiers, *(*env)->verifier, writers);

  return service::ServeUntilSignal(**env, grpc_service);
}
