#include "services/notify/notify_config.h"

#include "common/status/macros.h"
#include "common/time/time_of_day.h"

namespace laso::notify {

void AddConfigKeys(config::Schema& s) {
  s.Endpoint("notify.listen", "127.0.0.1:7105", "Where the notify service listens (gRPC): host:port, or unix:/path");
  s.String("notify.database", "notify.db", "The notify service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.String("notify.templates_file", "deploy/data/notify/templates.json",
           "What residents are told per event type: kinds, Vietnamese texts, ZNS templates");
  s.String("notify.consumer_group", "notify", "Consumer group notify reads the event stream with");
  s.String("notify.consumer", "",
           "This replica's name in the group; keep it stable across restarts (default notify-<hostname>)");
  s.Int("notify.read_batch", 500, 1, 10000, "Events read from the stream per round trip");
  s.Duration("notify.read_block", "200ms", "How long a read waits on the stream for new events");
  s.Duration("notify.claim_idle", "30s",
             "Events another consumer read but did not acknowledge for this long are taken over (it crashed)");
  s.Duration("notify.dedupe_retention", "14d", "How long processed event ids are remembered to drop repeats");
  s.Duration("notify.inbox_retention", "180d", "How long inbox entries are kept");
  s.String("notify.dead_letter_stream", "laso:events:dead", "Redis Stream of messages that could not be delivered");
  s.String("notify.default_quiet_hours", "21:00-07:00",
           "Quiet hours (Vietnam time) for residents who did not set theirs: non-urgent Zalo messages wait");
  s.Int("notify.zns_concurrency", 16, 1, 256, "Zalo messages in flight at once");
  s.Int("notify.zns_max_attempts", 6, 1, 50, "Tries of a Zalo message on 5xx and timeouts before it is dead-lettered");
  s.Duration("notify.zns_backoff", "2s", "Wait before the first retry; doubles each time, with jitter");
  s.Duration("notify.zns_max_backoff", "10m", "Longest wait between retries");
  s.String("notify.zns_quota_reset", "00:00", "Time of day (Vietnam) Zalo's daily ZNS quota resets");
  s.Duration("notify.oa_token_refresh_before", "1h", "Refresh the OA access token this long before it expires");
  s.String("zalo.zns_base_url", "https://business.openapi.zalo.me", "Zalo ZNS API (tools/fake-zalo in tests and demos)");
  s.String("zalo.oauth_base_url", "https://oauth.zaloapp.com", "Zalo OAuth, where the OA access token is refreshed");
  s.Secret("zalo.oa_access_token", "The Official Account's access token to start with (refreshed and kept by notify)");
  s.Secret("zalo.oa_refresh_token", "The Official Account's refresh token to start with (rotated and kept by notify)");
}

absl::StatusOr<NotifyConfig> NotifyConfigFrom(const config::Config& c) {
  NotifyConfig out;
  // After a Redis restart the relays publish the replay window again; only ids remembered this long are repeats.
  out.dedupe_retention = c.Duration("notify.dedupe_retention");
  if (c.Duration("outbox.replay_window") > out.dedupe_retention) {
    return absl::InvalidArgumentError(
        "outbox.replay_window must not exceed notify.dedupe_retention: events published again after a Redis "
        "restart would be told twice");
  }
  out.inbox_retention = c.Duration("notify.inbox_retention");
  out.templates_file = c.String("notify.templates_file");
  LASO_ASSIGN_OR_RETURN(out.default_quiet_hours,
                        ParseQuietWindow("notify.default_quiet_hours", c.String("notify.default_quiet_hours")));
  LASO_ASSIGN_OR_RETURN(absl::Duration quota_reset,
                        ParseTimeOfDay("notify.zns_quota_reset", c.String("notify.zns_quota_reset")));

  out.zalo = {.zns_base_url = c.String("zalo.zns_base_url"),
              .oauth_base_url = c.String("zalo.oauth_base_url"),
              .app_id = c.String("zalo.app_id"),
              .app_secret = c.String("zalo.app_secret"),
              .timeout = c.Duration("zalo.timeout")};
  out.oa_token_seed = {c.String("zalo.oa_access_token"), c.String("zalo.oa_refresh_token")};
  out.oa_token_refresh_before = c.Duration("notify.oa_token_refresh_before");
  out.zns = {.concurrency = static_cast<int>(c.Int("notify.zns_concurrency")),
             .max_attempts = static_cast<int>(c.Int("notify.zns_max_attempts")),
             .backoff = c.Duration("notify.zns_backoff"),
             .max_backoff = c.Duration("notify.zns_max_backoff"),
             .quota_reset_minute = static_cast<int>(absl::ToInt64Minutes(quota_reset)),
             // A claim outlives its sender's last Zalo call and the time a lost lease takes to notice.
             .orphan_after = c.Duration("zalo.timeout") + c.Duration("lease.poll_interval") + absl::Seconds(5)};

  std::string consumer = c.String("notify.consumer");
  out.consumer = {.stream = c.String("outbox.stream"),
                  .group = c.String("notify.consumer_group"),
                  .consumer = consumer.empty() ? outbox::DefaultConsumerName("notify") : consumer,
                  .batch = static_cast<int>(c.Int("notify.read_batch")),
                  .block = c.Duration("notify.read_block"),
                  .claim_idle = c.Duration("notify.claim_idle")};
  out.dead_letter_stream = c.String("notify.dead_letter_stream");
  return out;
}

}  // namespace laso::notify
