// laso-privacy: the privacy notice and residents' consent to it. Wiring only.
#include "common/process/periodic_task.h"
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "common/service/session_tokens_from_env.h"
#include "common/service/stream_reading.h"
#include "services/laso_schema.h"
#include "services/privacy/consent_book.h"
#include "services/privacy/privacy_config.h"
#include "services/privacy/privacy_service.h"
#include "services/privacy/privacy_sink.h"

namespace {

constexpr int kBlockingThreads = 4;
constexpr absl::Duration kRepublishErasedSessions = absl::Seconds(15);

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "privacy";
  auto env = service::LoadServiceEnv(LasoSchema(), name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  auto config = privacy::PrivacyConfigFrom((*env)->config);
  if (!config.ok()) return service::ExitOnError(name, config.status());
  auto notices = privacy::Notices::LoadDir(config->notice_dir);
  if (!notices.ok()) return service::ExitOnError(name, notices.status());
  auto store = privacy::PrivacyStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());

  const Clock* clock = RealClock::Get();
  auto tokens = service::SessionTokensFromEnv(**env, clock);
  if (!tokens.ok()) return service::ExitOnError(name, tokens.status());
  privacy::ConsentBook consents(**store, *notices, **tokens, clock);

  process::WorkerPool workers(kBlockingThreads);
  privacy::AuditBook audit(*(*env)->db, *(*env)->vault);
  privacy::ErasedSessions erased((*(*env)->redis), (*env)->config.Duration("auth.session_ttl"));
  privacy::RequestBook requests(*(*env)->db, *(*env)->vault, *(*env)->events_vault, consents, audit, &erased,
                                config->requests, clock);
  privacy::PrivacyGrpc grpc_service(consents, audit, requests, *(*env)->verifier, workers);
  // Every service's audit events, into the log's chain; their answers to residents' requests.
  privacy::PrivacySink sink(*(*env)->db, audit, requests);
  const sql::LeaseKeeper& singletons = *(*env)->singletons;
  process::PeriodicTask sweeper(config->sweep_interval, [&requests, &singletons] {
    if (!singletons.held()) return;  // one replica
    service::WarnIfFailed("deleting expired exports", requests.Sweep().status());
  });
  // Erased residents' sessions stay refused even when Redis lost the revocation list.
  process::PeriodicTask republish(kRepublishErasedSessions, [&requests, &singletons] {
    if (!singletons.held()) return;
    service::WarnIfFailed("republishing erased sessions", requests.RepublishErasedSessions());
  });
  service::StreamReading stream(**env, sink, service::GroupConsumer(**env, privacy::PrivacySink::kGroup), clock);
  stream.Start();
  int code = service::ServeUntilSignal(**env, grpc_service);
  stream.Stop();
  return code;
}
