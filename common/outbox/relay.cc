#include "common/outbox/relay.h"

#include "common/sql/rows.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/metrics/metrics.h"
#include "common/metrics/retention.h"
#include "common/redis/run_id.h"
#include "common/time/rfc3339.h"

namespace laso::outbox {
namespace {

struct PendingRow {
  int64_t seq;
  std::string event_id, type, subject, occurred_at, payload;
};

}  // namespace

RelayOptions RelayOptionsFromConfig(const config::Config& config, std::string source) {
  RelayOptions options;
  options.stream = config.String("outbox.stream");
  options.stream_maxlen = config.Int("outbox.stream_maxlen");
  options.batch = static_cast<int>(config.Int("outbox.batch"));
  options.poll_interval = config.Duration("outbox.poll_interval");
  options.retention = config.Duration("outbox.retention");
  options.replay_window = config.Duration("outbox.replay_window");
  options.source = std::move(source);
  return options;
}

Relay::Relay(sql::Database& db, redis::Client& redis, RelayOptions options, const Clock* clock)
    : db_(db),
      redis_(redis),
      options_(std::move(options)),
      clock_(clock),
      select_sql_(absl::StrCat("SELECT seq, event_id, type, subject, occurred_at, payload FROM ", options_.table,
                               " WHERE published_at IS NULL ORDER BY seq LIMIT $1")),
      mark_sql_(absl::StrCat("UPDATE ", options_.table,
                             " SET published_at = $1 WHERE seq = $2 AND published_at IS NULL")),
      prune_sql_(absl::StrCat("DELETE FROM ", options_.table,
                              " WHERE published_at IS NOT NULL AND published_at < $1")),
      count_sql_(absl::StrCat("SELECT COUNT(*) FROM ", options_.table, " WHERE published_at IS NULL")),
      replay_sql_(absl::StrCat("UPDATE ", options_.table, " SET published_at = NULL WHERE published_at >= $1")),
      relay_name_(absl::StrCat(options_.table, " -> ", options_.stream)),
      backoff_(options_.poll_interval),
      next_prune_(clock->Now()),
      next_count_(clock->Now()),
      next_restart_check_(clock->Now()) {}

Relay::~Relay() { Stop(); }

absl::StatusOr<int64_t> Relay::FollowRedisRestart() {
  auto run_id = redis::ServerRunId(redis_);
  if (!run_id.ok() && !absl::IsUnavailable(run_id.status())) {
    // A Redis that refuses INFO (renamed, or denied by an ACL) must not stop the events: publish
    // without noticing restarts, and say so once.
    if (!restart_check_refused_) {
      log::Warn("redis refuses INFO: a Redis restart will not be noticed, so events it loses are not published again",
                {{"relay", relay_name_}, {"error", std::string(run_id.status().message())}});
    }
    restart_check_refused_ = true;
    next_restart_check_ = clock_->Now() + absl::Minutes(1);
    return 0;
  }
  if (!run_id.ok()) {
    redis_run_id_.clear();
    return run_id.status();
  }
  restart_check_refused_ = false;
  next_restart_check_ = clock_->Now() + options_.restart_check_interval;
  if (*run_id == redis_run_id_) return 0;

  bool restarted = false;
  int64_t replayed = 0;
  auto s = db_.Write([&](sql::Session& session) -> absl::Status {
    std::string last_run_id;  // empty: the first Redis ever seen
    auto found = session.QueryRow(
        "SELECT redis_run_id FROM outbox_relay WHERE relay = $1",
        [&](const sql::Row& row) {
          last_run_id = row.Text(0);
          return absl::OkStatus();
        },
        relay_name_);
    if (!found.ok()) return found.status();
    restarted = !last_run_id.empty() && last_run_id != *run_id;
    replayed = 0;
    if (restarted) {
      auto changed = session.Execute(replay_sql_, absl::ToUnixMillis(clock_->Now() - options_.replay_window));
      if (!changed.ok()) return changed.status();
      replayed = *changed;
    }
    return session
        .Execute("INSERT INTO outbox_relay (relay, redis_run_id) VALUES ($1, $2)"
                 " ON CONFLICT (relay) DO UPDATE SET redis_run_id = excluded.redis_run_id",
                 relay_name_, *run_id)
        .status();
  });
  if (!s.ok()) return s;
  redis_run_id_ = *run_id;
  if (restarted) {
    log::Warn("redis restarted: recent events go out again",
              {{"relay", relay_name_}, {"events", replayed}, {"window", absl::FormatDuration(options_.replay_window)}});
  }
  return replayed;
}

absl::StatusOr<int> Relay::RelayOnce() {
  // Before publishing, make sure the Redis is the one last published to.
  if ((redis_run_id_.empty() && !restart_check_refused_) || clock_->Now() >= next_restart_check_) {
    if (auto followed = FollowRedisRestart(); !followed.ok()) return followed.status();
  }
  std::vector<PendingRow> rows;
  auto read = db_.Read([&](sql::Session& session) {
    return session.ForEach(
        select_sql_,
        [&](const sql::Row& r) {
          rows.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
          return absl::OkStatus();
        },
        options_.batch);
  });
  if (!read.ok()) return read;
  if (rows.empty()) return 0;

  std::vector<redis::Command> commands;
  commands.reserve(rows.size());
  std::string maxlen = absl::StrCat(options_.stream_maxlen);
  for (const PendingRow& r : rows) {
    commands.push_back({"XADD", options_.stream, "MAXLEN", "~", maxlen, "*", "id", r.event_id, "type", r.type,
                        "subject", r.subject, "occurred_at", r.occurred_at, "source", options_.source,
                        "payload", r.payload});
  }
  auto replies = redis_.Pipeline(commands);
  if (!replies.ok()) {
    redis_run_id_.clear();  // it may come back as another server: ask before publishing again
    return replies.status();
  }
  // Mark what went out, in order, up to the first entry Redis refused.
  size_t published = 0;
  while (published < replies->size() && !(*replies)[published].IsError()) ++published;
  if (published > 0) {
    // The rows sent, each by its seq: not "every seq up to the last sent", which would also
    // mark a row that committed late with a lower seq, and that row would never go out.
    int64_t now_ms = absl::ToUnixMillis(clock_->Now());
    auto marked = db_.Write([&](sql::Session& session) -> absl::Status {
      for (size_t i = 0; i < published; ++i) {
        if (auto m = session.Execute(mark_sql_, now_ms, rows[i].seq); !m.ok()) return m.status();
      }
      return absl::OkStatus();
    });
    if (!marked.ok()) return marked;
  }
  if (published < replies->size()) {
    return absl::InternalError(absl::StrCat("XADD refused: ", (*replies)[published].str));
  }
  return static_cast<int>(published);
}

absl::StatusOr<int64_t> Relay::Prune() {
  int64_t pruned = 0;
  auto s = db_.Write([&](sql::Session& session) -> absl::Status {
    auto changed = session.Execute(prune_sql_, absl::ToUnixMillis(clock_->Now() - options_.retention));
    if (!changed.ok()) return changed.status();
    pruned = *changed;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return pruned;
}

absl::StatusOr<int64_t> Relay::PendingCount() { return sql::ReadInt(db_, count_sql_, 0); }

absl::Duration Relay::Round() {
  auto published = RelayOnce();
  absl::Duration wait = options_.poll_interval;
  if (!published.ok()) {
    if (!was_failing_) log::Warn("outbox relay waiting", {{"error", std::string(published.status().message())}});
    was_failing_ = true;
    backoff_ = std::min(backoff_ * 2, absl::Seconds(1));
    wait = backoff_;
  } else {
    if (was_failing_) log::Info("outbox relay resumed");
    was_failing_ = false;
    backoff_ = options_.poll_interval;
    if (*published == options_.batch) return absl::ZeroDuration();  // more waiting: no pause
  }
  if (clock_->Now() >= next_count_) {  // the backlog, for the "outbox not draining" alert
    static auto& pending = metrics::Registry::Default().Gauge(
        "laso_outbox_pending_events", "Events written and not yet published to the stream", {"table"});
    if (auto n = PendingCount(); n.ok()) pending.Set({options_.table}, static_cast<double>(*n));
    next_count_ = clock_->Now() + absl::Seconds(5);
  }
  if (clock_->Now() >= next_prune_) {
    // Published events carry sealed phones: they go after outbox.retention.
    if (auto pruned = Prune(); pruned.ok()) metrics::CountErased(absl::StrCat(options_.source, ".", options_.table, "_events"), *pruned);
    next_prune_ = clock_->Now() + absl::Minutes(10);
  }
  return wait;
}

}  // namespace laso::outbox
