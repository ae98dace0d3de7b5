#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/process/background_loop.h"
#include "common/redis/client.h"
#include "common/sql/database.h"
#include "common/time/clock.h"

namespace laso::outbox {

struct RelayOptions {
  std::string stream = "laso:events";
  int64_t stream_maxlen = 1000000;  // XADD MAXLEN ~
  int batch = 500;
  absl::Duration poll_interval = absl::Milliseconds(200);
  absl::Duration retention = absl::Hours(24 * 7);
  // When Redis has restarted, events published this recently go out again: a
  // Redis that restarted may have lost stream entries no consumer had read.
  absl::Duration replay_window = absl::Hours(1);
  // How often an idle relay asks Redis whether it restarted (a failed call
  // makes the next round ask first).
  absl::Duration restart_check_interval = absl::Seconds(1);
  std::string source;  // the publishing service, written into each entry
  // The table read: "outbox", or another of the same shape (e.g. notify's dead letters).
  std::string table = "outbox";
};

RelayOptions RelayOptionsFromConfig(const config::Config& config, std::string source);

// Publishes outbox rows, oldest first, to a Redis Stream and marks exactly the
// rows it sent as published (with concurrent writers a row may commit after one
// with a higher seq; it goes out in a later round). While Redis is down nothing is marked and rows wait; when it
// returns they go out in their original order. A crash between publishing and
// marking publishes some rows again: delivery is at least once, and consumers
// de-duplicate by event id.
//
// Redis is a bus, not a record: if it restarts (its run_id changes) it may
// have lost entries that were published but not yet read. The relay then marks
// the rows published within `replay_window` pending again, and they go out
// again in their original order. The run_id is kept in the database, so a restart
// that happened while the service itself was down is noticed too. A Redis that
// refuses INFO still gets every event; only its restarts go unnoticed (logged).
class Relay {
 public:
  Relay(sql::Database& db, redis::Client& redis, RelayOptions options, const Clock* clock);
  ~Relay();

  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  // Publish soon rather than at the next poll; call after committing events.
  void Wake() { loop_.Wake(); }

  // One round: up to `batch` events; returns how many were published.
  absl::StatusOr<int> RelayOnce();
  // Deletes published rows older than the retention; returns how many.
  absl::StatusOr<int64_t> Prune();
  absl::StatusOr<int64_t> PendingCount();
  // Asks Redis for its run_id; if it differs from the one last published to,
  // marks the rows of the replay window pending again. Returns how many.
  absl::StatusOr<int64_t> FollowRedisRestart();

 private:
  // One round of the loop; returns how long to wait before the next.
  absl::Duration Round();

  sql::Database& db_;
  redis::Client& redis_;
  const RelayOptions options_;
  const Clock* clock_;
  const std::string select_sql_, mark_sql_, prune_sql_, count_sql_, replay_sql_, relay_name_;
  absl::Duration backoff_;
  absl::Time next_prune_;
  absl::Time next_count_;
  std::string redis_run_id_;  // empty until known, and again after a failed call
  absl::Time next_restart_check_;
  bool restart_check_refused_ = false;  // Redis answers INFO with an error
  bool was_failing_ = false;
  process::BackgroundLoop loop_{[this] { return Round(); }};
};

}  // namespace laso::outbox
