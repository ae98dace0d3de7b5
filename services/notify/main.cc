// laso-notify: tells residents when something changes, in the app and by Zalo. Wiring only.
#include "common/http/client_thread.h"
#include "common/log/log.h"
#include "common/outbox/relay.h"
#include "common/process/periodic_task.h"
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "common/time/time_of_day.h"
#include "services/notify/event_intake.h"
#include "services/notify/notify_service.h"
#include "services/notify/sql_notify_store.h"
#include "services/notify/stream_consumer.h"
#include "services/notify/zns_sender.h"

namespace {

constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  using namespace laso::notify;
  process::InitProcess();
  const std::string name = "notify";
  auto env = service::LoadServiceEnv(name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  const config::Config& c = (*env)->config;
  const Clock* clock = RealClock::Get();
  // After a Redis restart the relays publish the replay window again; only ids remembered this long are repeats.
  if (c.Duration("outbox.replay_window") > c.Duration("notify.dedupe_retention")) {
    return service::ExitOnError(
        name, absl::InvalidArgumentError("outbox.replay_window must not exceed notify.dedupe_retention: events "
                                         "published again after a Redis restart would be told twice"));
  }

  auto store = SqlNotifyStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());
  auto templates = Templates::Load(c.String("notify.templates_file"));
  if (!templates.ok()) return service::ExitOnError(name, templates.status());
  auto quiet = ParseQuietWindow("notify.default_quiet_hours", c.String("notify.default_quiet_hours"));
  if (!quiet.ok()) return service::ExitOnError(name, quiet.status());
  auto quota_reset = ParseTimeOfDay("notify.zns_quota_reset", c.String("notify.zns_quota_reset"));
  if (!quota_reset.ok()) return service::ExitOnError(name, quota_reset.status());
  Preferences preferences(*templates, *quiet);

  // Zalo: the OA token and the sender of ZNS messages.
  http::ClientThread http;
  ZaloOaClient zalo(http.client(), {.zns_base_url = c.String("zalo.zns_base_url"),
                                    .oauth_base_url = c.String("zalo.oauth_base_url"),
                                    .app_id = c.String("zalo.app_id"),
                                    .app_secret = c.String("zalo.app_secret"),
                                    .timeout = c.Duration("zalo.timeout")});
  OaTokenKeeper token(**store, *(*env)->vault, zalo,
                      {c.String("zalo.oa_access_token"), c.String("zalo.oa_refresh_token")},
                      c.Duration("notify.oa_token_refresh_before"), clock);
  ZnsSender sender(**store, *(*env)->vault, zalo, token,
                   {.concurrency = static_cast<int>(c.Int("notify.zns_concurrency")),
                    .max_attempts = static_cast<int>(c.Int("notify.zns_max_attempts")),
                    .backoff = c.Duration("notify.zns_backoff"),
                    .max_backoff = c.Duration("notify.zns_max_backoff"),
                    .quota_reset_minute = static_cast<int>(absl::ToInt64Minutes(*quota_reset))},
                   clock);
  if (auto interrupted = sender.RecoverInterrupted(); !interrupted.ok()) {
    return service::ExitOnError(name, interrupted.status());
  } else if (*interrupted > 0) {
    log::Warn("zalo messages interrupted by the last stop were dead-lettered", {{"count", *interrupted}});
  }

  // The event stream: its own Redis connection, since reads wait on the stream.
  ConsumerOptions consumer_options{
      .stream = c.String("outbox.stream"),
      .group = c.String("notify.consumer_group"),
      .consumer = c.String("notify.consumer").empty() ? DefaultConsumerName() : c.String("notify.consumer"),
      .batch = static_cast<int>(c.Int("notify.read_batch")),
      .block = c.Duration("notify.read_block"),
      .claim_idle = c.Duration("notify.claim_idle")};
  redis::Options stream_redis = (*env)->redis->options();
  stream_redis.pool_size = 1;
  stream_redis.command_timeout = consumer_options.block + absl::Seconds(1);
  redis::Client stream_client(stream_redis, clock);
  EventIntake intake(**store, *templates, preferences, *(*env)->events_vault, *(*env)->vault, clock);
  StreamConsumer consumer(stream_client, intake, **store, consumer_options, clock);

  outbox::RelayOptions dead_options = outbox::RelayOptionsFromConfig(c, name);
  dead_options.stream = c.String("notify.dead_letter_stream");
  dead_options.table = SqlNotifyStore::kDeadLetterTable;
  outbox::Relay dead_letters(*(*env)->db, *(*env)->redis, dead_options, clock);

  absl::Duration dedupe = c.Duration("notify.dedupe_retention"), inbox = c.Duration("notify.inbox_retention");
  process::PeriodicTask pruner(absl::Hours(1), [&store, dedupe, inbox, clock] {
    absl::Time now = clock->Now();
    auto pruned = (*store)->Prune(now - dedupe, now - inbox, now - absl::Hours(24 * 30));
    if (!pruned.ok()) log::Warn("pruning notify history failed", {{"error", std::string(pruned.status().message())}});
  });

  Notifications notifications(**store, preferences, *(*env)->vault, &sender, &token, clock);
  process::WorkerPool workers(kBlockingThreads);
  NotifyGrpc grpc_service(notifications, *(*env)->verifier, workers);
  consumer.Start();
  sender.Start();
  dead_letters.Start();
  int code = service::ServeUntilSignal(**env, grpc_service);
  consumer.Stop();
  sender.Stop();
  dead_letters.Stop();
  return code;
}
