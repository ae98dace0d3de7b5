#include "common/config/common_keys.h"

namespace laso::config {

void AddCommonKeys(Schema& s) {
  s.String("data_dir", "./var", "Directory for SQLite files, key files and logs");
  s.Enum("log.level", "info", {"debug", "info", "warn", "error"}, "Lowest level written to the log");

  s.Address("redis.address", "127.0.0.1:6379", "Redis host:port (cache, rate limits, event stream)");
  s.Secret("redis.password", "Redis AUTH password, if the server requires one");
  s.AddressList("redis.sentinels", "",
                "Redis Sentinels (host:port, comma-separated); when set, redis.address is not used: the sentinels "
                "name the primary of redis.master_name and clients follow a failover");
  s.String("redis.master_name", "laso", "The name the sentinels monitor the primary under");
  s.Int("redis.pool_size", 8, 1, 256, "Connections per process");
  s.Duration("redis.connect_timeout", "200ms", "Give up connecting after this long");
  s.Duration("redis.command_timeout", "300ms", "Give up waiting for a reply after this long");
  s.Duration("redis.breaker_cooldown", "500ms",
             "After a failure, calls fail at once for this long before Redis is tried again");

  s.Enum("sqlite.synchronous", "full", {"off", "normal", "full", "extra"},
         "SQLite synchronous mode; FULL makes acknowledged writes survive power loss");
  s.Duration("sqlite.busy_timeout", "5s", "How long a writer waits for the database lock");
  s.Int("sqlite.readers", 4, 1, 64, "Read connections per service (WAL lets them run beside the writer)");

  s.Int("pg.pool_size", 8, 1, 256, "PostgreSQL connections per service process (for a <service>.database URI)");
  s.Duration("pg.connect_timeout", "5s", "Give up connecting to PostgreSQL after this long");
  s.Duration("pg.statement_timeout", "30s", "PostgreSQL cancels a statement that runs longer than this");
  s.Duration("lease.poll_interval", "1s",
             "How often a replica tries to take over its service's singleton work (the outbox relay, sweeps, Zalo "
             "sending) and the holder checks it still holds it: a dead holder is replaced within this");
  s.Int("pg.conflict_retries", 8, 0, 100,
        "Times a transaction PostgreSQL aborted for a conflict (serialization failure, deadlock) is run again");

  s.Int("grpc.threads", 64, 2, 1024,
        "Most threads a service uses to run calls (more concurrent calls are refused with RESOURCE_EXHAUSTED)");
  s.Int("grpc.max_message_bytes", 32 << 20, 1024, 256 << 20, "Largest gRPC message accepted or sent");
  s.Duration("grpc.drain_timeout", "10s", "On SIGTERM, how long in-flight calls may finish");
  s.Duration("sync.poll_interval", "1s",
             "How often a replica reads what other replicas changed of the data it keeps in memory (the feedback "
             "catalogue, tariffs, waste routes, subscriptions and vehicle positions)");
  s.Duration("idempotency.window", "7d",
             "How long a write's Idempotency-Key is remembered: a retry within this gets the first answer");
  s.String("keys.dir", "",
           "Directory of the key files (laso keys init writes them); default <data_dir>/keys. Under systemd the "
           "unit passes them as credentials: $CREDENTIALS_DIRECTORY/keys");
  s.Bool("keys.create_missing", false,
         "Create a key file that does not exist (one machine only: tools/up sets it). Off, a process without its "
         "keys refuses to start, so replicas never each make their own; create them once with `laso keys init`");
  s.String("internal.key_file", "",
           "Key shared by the gateway and services to sign caller identity; default <keys.dir>/internal.key");
  s.Duration("internal.identity_max_age", "5m", "Services refuse caller identities older than this");

  // Bearer tokens: signed by the gateway and the privacy service (residents), the staff service (staff,
  // machines) and `laso token`.
  s.String("auth.jwt_key_file", "", "Keys that sign and check bearer tokens; default <keys.dir>/gateway-jwt.key");
  s.String("auth.issuer", "laso", "The iss of tokens laso issues and accepts");
  s.String("auth.audience", "laso-api", "The aud of tokens laso issues and accepts");
  s.Duration("auth.session_ttl", "1h",
             "How long a resident's session token lasts (issued by the gateway and, after a consent, by privacy)");

  s.String("calendar.dir", "deploy/data/calendar", "Directory of <country>-<year>.toml holiday files");
  s.String("calendar.country", "vn", "Country code of the holiday files to load");

  s.String("outbox.stream", "laso:events", "Redis Stream the outbox relay publishes to");
  s.Int("outbox.stream_maxlen", 1000000, 1000, 100000000, "Approximate length the stream is trimmed to");
  s.Int("outbox.batch", 500, 1, 10000, "Events the relay publishes per round trip");
  s.Duration("outbox.poll_interval", "200ms", "How often the relay looks for events when not woken");
  s.Duration("outbox.retention", "7d", "How long published events stay in the outbox table");
  s.Duration("outbox.replay_window", "1h",
             "After Redis restarts, events published this recently are published again (it may have lost them "
             "before they were read; consumers de-duplicate by event id)");

  // Zalo, for the gateway (sign-in) and notify (messages).
  s.String("zalo.app_id", "", "The Zalo app (Mini App) id");
  s.Secret("zalo.app_secret", "The Zalo app secret: appsecret_proof and secret_key");
  s.Duration("zalo.timeout", "5s", "Give up on a Zalo call after this");
}

}  // namespace laso::config
