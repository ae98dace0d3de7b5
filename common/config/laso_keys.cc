#include "common/config/laso_keys.h"

namespace laso::config {

const std::vector<std::string>& ServiceNames() {
  static const auto* names = new std::vector<std::string>{"feedback", "dossier", "billing", "waste", "notify"};
  return *names;
}
namespace {

void CommonKeys(Schema& s) {
  s.String("data_dir", "./var", "Directory for SQLite files, key files and logs");
  s.Enum("log.level", "info", {"debug", "info", "warn", "error"}, "Lowest level written to the log");

  s.Address("redis.address", "127.0.0.1:6379", "Redis host:port (cache, rate limits, event stream)");
  s.Secret("redis.password", "Redis AUTH password, if the server requires one");
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
  s.Int("pg.conflict_retries", 8, 0, 100,
        "Times a transaction PostgreSQL aborted for a conflict (serialization failure, deadlock) is run again");

  s.Int("grpc.threads", 64, 2, 1024,
        "Most threads a service uses to run calls (more concurrent calls are refused with RESOURCE_EXHAUSTED)");
  s.Int("grpc.max_message_bytes", 32 << 20, 1024, 256 << 20, "Largest gRPC message accepted or sent");
  s.Duration("grpc.drain_timeout", "10s", "On SIGTERM, how long in-flight calls may finish");
  s.String("internal.key_file", "",
           "Key shared by the gateway and services to sign caller identity; default <data_dir>/keys/internal.key");
  s.Duration("internal.identity_max_age", "5m", "Services refuse caller identities older than this");

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
}

void GatewayKeys(Schema& s) {
  s.String("http.host", "127.0.0.1", "Address the gateway listens on (0.0.0.0 for every interface)");
  s.Int("http.port", 8080, 0, 65535, "The gateway's HTTP port");
  s.Int("http.threads", 2, 1, 64, "Event-loop threads of the gateway");
  s.Int("http.max_connections", 10000, 1, 1000000, "Open connections beyond this are answered 503 and closed");
  s.Int("http.max_header_bytes", 16384, 1024, 1 << 20, "Largest request head");
  s.Int("http.max_body_bytes", 1 << 20, 1024, 1 << 30,
        "Largest request body, unless a route declares its own (laso.api.access max_body_bytes)");
  s.Duration("http.header_timeout", "10s", "A client must send its request head within this");
  s.Duration("http.body_timeout", "30s", "A client must send its request body within this");
  s.Duration("http.idle_timeout", "60s", "Idle keep-alive connections are closed after this");
  s.String("http.tls_cert_file", "", "PEM certificate chain; with http.tls_key_file the gateway serves HTTPS");
  s.String("http.tls_key_file", "", "PEM private key for http.tls_cert_file");

  s.StringList("gateway.backends",
               "feedback=127.0.0.1:7101,dossier=127.0.0.1:7102,billing=127.0.0.1:7103,"
               "waste=127.0.0.1:7104,notify=127.0.0.1:7105",
               "Backends by name (the protos' laso.api.backend): name=host:port or name=unix:/path, comma-separated");
  s.Duration("gateway.deadline", "5s", "Deadline of every backend call unless gateway.route_deadlines says otherwise");
  s.StringList("gateway.route_deadlines", "",
               "Per-method deadlines: package.Service/Method=30s, comma-separated");
  s.StringList("gateway.descriptor_sets", "",
               "Extra descriptor set files whose annotated services the gateway also serves");
  s.StringList("gateway.trusted_proxies", "",
               "Proxies (IPs or CIDRs) whose X-Forwarded-For is believed");
  s.StringList("gateway.cors_origins", "https://h5.zdn.vn,http://localhost:3000",
               "Origins allowed to call the API from a browser (the Zalo Mini App runs on h5.zdn.vn)");
  s.Duration("gateway.cors_max_age", "10m", "How long browsers may cache a CORS preflight");
  s.StringList("gateway.metrics_allow", "127.0.0.1/32,::1/128", "Who may read /metrics (IPs or CIDRs)");
  s.String("gateway.display_utc_offset", "+07:00", "Offset of the times in API answers (Vietnam is +07:00)");

  s.String("auth.jwt_key_file", "", "Keys that sign session and staff tokens; default <data_dir>/keys/gateway-jwt.key");
  s.String("auth.issuer", "laso", "The iss of tokens the gateway issues and accepts");
  s.String("auth.audience", "laso-api", "The aud of tokens the gateway issues and accepts");
  s.Duration("auth.session_ttl", "1h", "How long a resident's session token lasts");

  s.String("zalo.graph_base_url", "https://graph.zalo.me", "Zalo Graph API (tools/fake-zalo in tests and demos)");
  s.String("zalo.app_id", "", "The Zalo app (Mini App) id");
  s.Secret("zalo.app_secret", "The Zalo app secret: appsecret_proof and secret_key");
  s.Duration("zalo.timeout", "5s", "Give up on a Zalo call after this");
  s.Duration("zalo.token_cache_ttl", "1h", "How long a checked Zalo access token is remembered (its life)");

  // Rate limits per route class: N/period per client IP and per signed-in user ("off" for none).
  s.Rate("ratelimit.login_per_ip", "60/1m", "Sign-in attempts per IP (many users can share a mobile IP)");
  s.Rate("ratelimit.login_per_user", "20/1m", "Token refreshes per user");
  s.Rate("ratelimit.guess_per_ip", "60/1m", "Lookups by guessable code (dossier, bill) per IP");
  s.Rate("ratelimit.guess_per_user", "60/1m", "Lookups by guessable code per user");
  s.Rate("ratelimit.lookup_per_ip", "1200/1m", "Plain reads per IP");
  s.Rate("ratelimit.lookup_per_user", "300/1m", "Plain reads per user");
  s.Rate("ratelimit.write_per_ip", "300/1m", "Changes per IP");
  s.Rate("ratelimit.write_per_user", "60/1m", "Changes per user");
  s.Rate("ratelimit.default_per_ip", "1200/1m", "Routes without a class, per IP");
  s.Rate("ratelimit.default_per_user", "300/1m", "Routes without a class, per user");
}

void DossierKeys(Schema& s) {
  s.Endpoint("dossier.listen", "127.0.0.1:7102",
             "Where the dossier service listens (gRPC): host:port, or unix:/path when the gateway runs on the "
             "same machine (less CPU per call)");
  s.String("dossier.database", "dossier.db", "The dossier service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.Duration("dossier.cache_ttl", "10m", "How long a dossier stays in the Redis cache");
  s.Int("dossier.local_cache_entries", 10000, 0, 10000000,
        "Dossiers kept in the service's own memory in front of Redis (0: none)");
  s.Duration("dossier.local_cache_ttl", "5s",
             "How long a dossier stays in the service's own memory (bounds staleness across replicas)");
  s.String("dossier.due_time", "17:00", "Time of day (Vietnam) a dossier is due on its due date");
  s.Rate("dossier.lookup_failures", "10/1h",
         "Wrong verifiers per dossier code before anonymous lookups of that code are refused");
}

void FeedbackKeys(Schema& s) {
  s.Endpoint("feedback.listen", "127.0.0.1:7101",
             "Where the feedback service listens (gRPC): host:port, or unix:/path");
  s.String("feedback.database", "feedback.db", "The feedback service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.String("feedback.attachments_dir", "attachments",
           "Directory of attachment files (relative to data_dir), one file per distinct content");
  s.String("feedback.boundary_file", "deploy/data/boundary/long-an.geojson",
           "GeoJSON polygon of the province: reports must lie inside it");
  s.String("feedback.due_time", "17:00", "Time of day (Vietnam) a report is due on its due date");
  s.Duration("feedback.reopen_window", "7d",
             "How long after an answer the reporter may reopen it; after that it closes by itself");
  s.Duration("feedback.close_sweep_interval", "1m",
             "How often answered reports past the window are closed (and old idempotency keys forgotten)");
  s.Duration("feedback.idempotency_window", "7d", "How long an Idempotency-Key of a report is remembered");
}

void BillingKeys(Schema& s) {
  s.Endpoint("billing.listen", "127.0.0.1:7103", "Where the billing service listens (gRPC): host:port, or unix:/path");
  s.String("billing.database", "billing.db", "The billing service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.String("billing.providers_file", "deploy/data/billing/providers.json",
           "Providers with their tariff schedules and VAT rates, applied at every start (empty: by API only)");
  s.Secret("billing.phone_hash_key",
           "Key shared with the utilities: registered phones arrive as hex HMAC-SHA256 under it (required)");
  s.Secret("billing.zalo_checkout_private_key", "Zalo Checkout private key: signs orders, verifies callbacks (required)");
  s.String("billing.zalo_payment_method", R"({"id":"ZALOPAY_SANDBOX","isCustom":false})",
           "The `method` of checkout orders (JSON, as Payment.createOrder takes it)");
  s.Int("billing.due_soon_days", 3, 1, 30, "Days before the due date when holders are reminded (bill.due_soon)");
  s.Duration("billing.notice_interval", "10m", "How often bills falling due and overdue are looked for");
  s.Int("billing.lookup_cache_entries", 100000, 0, 10000000,
        "Customers whose latest bill is kept in memory for public lookups (0: none)");
  s.Duration("billing.lookup_cache_ttl", "10s", "How long a cached latest bill may serve (bounds staleness across replicas)");
}

void WasteKeys(Schema& s) {
  s.Endpoint("waste.listen", "127.0.0.1:7104", "Where the waste service listens (gRPC): host:port, or unix:/path");
  s.String("waste.database", "waste.db", "The waste service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.String("waste.boundary_file", "deploy/data/boundary/long-an.geojson",
           "GeoJSON polygon of the province: stops and vehicle positions must lie inside it");
  s.String("waste.guide_file", "deploy/data/waste/guide.json", "The sorting guide: items, streams, instructions");
  s.Duration("waste.history_retention", "30d", "How long vehicle positions are kept");
}

void NotifyKeys(Schema& s) {
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

}  // namespace

const Schema& LasoSchema() {
  static const Schema* schema = [] {
    auto* s = new Schema();
    CommonKeys(*s);
    GatewayKeys(*s);
    DossierKeys(*s);
    FeedbackKeys(*s);
    BillingKeys(*s);
    WasteKeys(*s);
    NotifyKeys(*s);
    return s;
  }();
  return *schema;
}

}  // namespace laso::config
