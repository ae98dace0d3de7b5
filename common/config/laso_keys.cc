#include "common/config/laso_keys.h"

namespace laso::config {
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

  s.Int("grpc.threads", 16, 2, 512, "Most threads a service uses to run calls");
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
}

}  // namespace

const Schema& LasoSchema() {
  static const Schema* schema = [] {
    auto* s = new Schema();
    CommonKeys(*s);
    return s;
  }();
  return *schema;
}

}  // namespace laso::config
