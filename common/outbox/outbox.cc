#include "common/outbox/outbox.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/crypto/random.h"
#include "common/time/rfc3339.h"

namespace laso::outbox {

Event NewEvent(std::string type, std::string subject, std::string payload_json, const Clock& clock) {
  absl::Time now = clock.Now();
  return Event{crypto::NewUlid(now), std::move(type), std::move(subject), now, std::move(payload_json)};
}

std::string TableSql(absl::string_view table) {
  return absl::StrCat("CREATE TABLE ", table,
                      " ("
                      " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                      " event_id TEXT NOT NULL UNIQUE,"
                      " type TEXT NOT NULL,"
                      " subject TEXT NOT NULL,"
                      " occurred_at TEXT NOT NULL,"
                      " payload TEXT NOT NULL,"
                      " published_at INTEGER);"  // unix milliseconds
                      "CREATE INDEX ",
                      table, "_pending ON ", table, "(seq) WHERE published_at IS NULL;", "CREATE INDEX ", table,
                      "_published ON ", table, "(published_at) WHERE published_at IS NOT NULL;");
}

absl::Span<const sql::Migration> Migrations() {
  static const auto* kMigrations = new std::vector<sql::Migration>{
      {1, "outbox table", TableSql("outbox")},
      {2, "the Redis each relay last published to",
       "CREATE TABLE outbox_relay (relay TEXT PRIMARY KEY, redis_run_id TEXT NOT NULL) WITHOUT ROWID;"},
      {3, "the newest stream entry each consumer group of the service handled",
       "CREATE TABLE stream_checkpoints (consumer_group TEXT PRIMARY KEY, last_id TEXT NOT NULL);"},
  };
  return *kMigrations;
}

absl::StatusOr<int64_t> ScrubSubject(sql::Session& session, absl::string_view subject, absl::string_view table) {
  // A JSON string holding the subject exactly; subjects ("zalo:<digits>") need no escaping.
  const std::string quoted = absl::StrCat("\"", subject, "\"");
  auto in_payloads = session.Execute(
      absl::StrCat("UPDATE ", table, " SET payload = REPLACE(payload, $1, '\"\"') WHERE payload LIKE $2"), quoted,
      absl::StrCat("%", quoted, "%"));
  if (!in_payloads.ok()) return in_payloads;
  // Events about the person themselves (a consent change) name them as their subject.
  auto as_subject = session.Execute(absl::StrCat("UPDATE ", table, " SET subject = '' WHERE subject = $1"),
                                    std::string(subject));
  if (!as_subject.ok()) return as_subject;
  return *in_payloads + *as_subject;
}

absl::Status Append(sql::Session& session, const Event& event, absl::string_view table) {
  return session
      .Execute(absl::StrCat("INSERT INTO ", table,
                            " (event_id, type, subject, occurred_at, payload) VALUES ($1, $2, $3, $4, $5)"),
               event.id, event.type, event.subject, FormatRfc3339(event.occurred_at, absl::UTCTimeZone()),
               event.payload)
      .status();
}

absl::Status MigrateWithOutbox(sql::Database& db, absl::string_view component,
                               absl::Span<const sql::Migration> migrations) {
  if (auto s = db.Migrate(component, migrations); !s.ok()) return s;
  return db.Migrate("outbox", Migrations());
}

}  // namespace laso::outbox
