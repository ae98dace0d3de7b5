// laso-waste: when the garbage truck comes, and where it is now. Wiring only.

#include "common/log/log.h"
#include "common/metrics/retention.h"
#include "common/process/periodic_task.h"
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "common/service/stream_reading.h"
#include "services/laso_schema.h"
#include "services/waste/consent_sink.h"
#include "services/waste/subscriber_data.h"
#include "services/waste/sql_waste_store.h"
#include "services/waste/waste_config.h"
#include "services/waste/waste_service.h"

namespace {

// Threads for calls that write (positions, routes, subscriptions).
constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "waste";
  auto env = service::LoadServiceEnv(LasoSchema(), name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  auto config = waste::WasteConfigFrom((*env)->config);
  if (!config.ok()) return service::ExitOnError(name, config.status());

  auto store = waste::SqlWasteStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());
  auto guide = waste::SortingGuide::Load(config->guide_file);
  if (!guide.ok()) return service::ExitOnError(name, guide.status());
  waste::WasteCollection collection(**store, (*env)->redis.get(), (*env)->vault.get(), std::move(*guide),
                                    std::move(config->collection), RealClock::Get());
  if (auto s = collection.Load(); !s.ok()) return service::ExitOnError(name, s);
  process::WorkerPool workers(kBlockingThreads);
  waste::WasteGrpc grpc_service(collection, *(*env)->verifier, workers);

  // What other replicas received (positions, subscriptions, routes) reaches this one within sync.poll_interval.
  process::PeriodicTask sync((*env)->config.Duration("sync.poll_interval"), [&collection] {
    service::WarnIfFailed("catching up with other replicas", collection.CatchUp());
  });
  absl::Duration keep = config->history_retention;
  const sql::LeaseKeeper& singletons = *(*env)->singletons;
  process::PeriodicTask pruner(absl::Hours(1), [&collection, keep, &singletons] {
    if (!singletons.held()) return;
    auto pruned = collection.PruneHistory(keep);
    service::WarnIfFailed("pruning position history", pruned.status());
    if (pruned.ok()) metrics::CountErased("waste.positions", *pruned);
  });
  // Residents' consent changes (privacy.consent_changed): a withdrawal cancels their reminders;
  // their export and erasure requests (privacy.requested).
  waste::SubscriberData subscribers(collection, **store);
  personal::RequestDesk requests(name, *(*env)->db, subscribers, *(*env)->events_vault, RealClock::Get());
  waste::ConsentSink consents(collection, **store, requests);
  service::StreamReading stream(**env, consents, service::GroupConsumer(**env, waste::ConsentSink::kGroup),
                                RealClock::Get());
  stream.Start();
  int code = service::ServeUntilSignal(**env, grpc_service);
  stream.Stop();
  return code;
}
