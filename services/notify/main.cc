// laso-notify: tells residents when something changes, in the app and by Zalo. Wiring only.
#include "common/http/client_thread.h"
#include "common/log/log.h"
#include "common/metrics/retention.h"
#include "common/outbox/relay.h"
#include "common/process/periodic_task.h"
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "services/laso_schema.h"
#include "services/notify/event_intake.h"
#include "services/notify/notify_config.h"
#include "services/notify/notify_service.h"
#include "services/notify/sql_notify_store.h"
#include "common/service/stream_reading.h"
#include "services/notify/zns_sender.h"

namespace {

constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  using namespace laso::notify;
  process::InitProcess();
  const std::string name = "notify";
  auto env = service::LoadServiceEnv(LasoSchema(), name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  auto config = NotifyConfigFrom((*env)->config);
  if (!config.ok()) return service::ExitOnError(name, config.status());
  const Clock* clock = RealClock::Get();

  auto store = SqlNotifyStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());
  auto templates = Templates::Load(config->templates_file);
  if (!templates.ok()) return service::ExitOnError(name, templates.status());
  Preferences preferences(*templates, config->default_quiet_hours);

  // Zalo: the OA token and the sender of ZNS messages.
  http::ClientThread http;
  ZaloOaClient zalo(http.client(), config->zalo);
  OaTokenKeeper token(**store, *(*env)->vault, zalo, config->oa_token_seed, config->oa_token_refresh_before, clock);
  ZnsSender sender(**store, *(*env)->vault, zalo, token, config->zns, clock);
  sql::LeaseKeeper& singletons = *(*env)->singletons;
  // One replica sends to Zalo (and so refreshes the OA token). What it finds in
  // flight when it takes over was claimed by an earlier holder: dead-lettered
  // once older than zns.orphan_after (that holder may still be finishing).
  singletons.Add(
      [&sender, &token] {
        token.Forget();  // the previous holder may have rotated the pair
        auto interrupted = sender.RecoverInterrupted();
        if (!interrupted.ok()) {
          log::Error("recovering interrupted zalo messages failed",
                     {{"error", std::string(interrupted.status().message())}});
        } else if (*interrupted > 0) {
          log::Warn("zalo messages interrupted by the last holder were dead-lettered", {{"count", *interrupted}});
        }
        sender.Start();
      },
      [&sender] { sender.Stop(); });

  EventIntake intake(**store, *templates, preferences, *(*env)->events_vault, *(*env)->vault, clock);
  Notifications notifications(**store, preferences, *(*env)->vault, &sender, &token, clock);
  // Residents' export and erasure requests (privacy.requested) come on the same stream.
  personal::RequestDesk requests(name, *(*env)->db, notifications, *(*env)->events_vault, clock);
  IntakeSink sink(intake, **store, &requests);
  service::StreamReading stream(**env, sink, config->consumer, clock);

  outbox::RelayOptions dead_options = outbox::RelayOptionsFromConfig((*env)->config, name);
  dead_options.stream = config->dead_letter_stream;
  dead_options.table = SqlNotifyStore::kDeadLetterTable;
  outbox::Relay dead_letters(*(*env)->db, *(*env)->redis, dead_options, clock);
  singletons.Add([&dead_letters] { dead_letters.Start(); }, [&dead_letters] { dead_letters.Stop(); });

  absl::Duration dedupe = config->dedupe_retention, inbox = config->inbox_retention;
  process::PeriodicTask pruner(absl::Hours(1), [&store, dedupe, inbox, clock, &singletons] {
    if (!singletons.held()) return;
    absl::Time now = clock->Now();
    auto pruned = (*store)->Prune(now - dedupe, now - inbox, now - absl::Hours(24 * 30));
    service::WarnIfFailed("pruning notify history", pruned.status());
    if (pruned.ok()) metrics::CountErased("notify.history", *pruned);  // inbox entries, delivery records
  });

  process::WorkerPool workers(kBlockingThreads);
  NotifyGrpc grpc_service(notifications, *(*env)->verifier, workers);
  stream.Start();  // every replica reads its share of the stream, as one consumer of the group
  int code = service::ServeUntilSignal(**env, grpc_service);
  stream.Stop();
  return code;
}
