#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/sql/database.h"
#include "common/time/clock.h"

// The transactional outbox: a service writes the events of a change into its
// own database in the same transaction as the change, so an event exists if
// and only if the change committed. The Relay publishes them afterwards.
namespace laso::outbox {

struct Event {
  std::string id;       // unique, time-ordered (ULID); consumers de-duplicate by it
  std::string type;     // e.g. "dossier.status_changed"
  std::string subject;  // what it is about, e.g. "dossier/H15.50.05.13-261008-0975"
  absl::Time occurred_at;
  std::string payload;  // a JSON object
};

// An event with a fresh id, occurring now.
Event NewEvent(std::string type, std::string subject, std::string payload_json, const Clock& clock);

// The outbox table, as migrations of the "outbox" component; every service
// applies them beside its own.
absl::Span<const sql::Migration> Migrations();

// A service's schema: its own migrations, then the outbox's beside them.
absl::Status MigrateWithOutbox(sql::Database& db, absl::string_view component,
                               absl::Span<const sql::Migration> migrations);

// Appends an event; call inside the transaction that makes the change.
// `table` is "outbox" or another table made by TableSql.
absl::Status Append(sql::Session& session, const Event& event, absl::string_view table = "outbox");

// After an erasure: the events still kept (published ones until
// outbox.retention, and those not yet relayed) no longer name `subject`: the
// quoted subject in their payloads becomes "" (notify then reaches no one;
// an audit entry names no one), and an event whose subject they are loses
// it. Returns the events changed.
absl::StatusOr<int64_t> ScrubSubject(sql::Session& session, absl::string_view subject,
                                     absl::string_view table = "outbox");

// CREATE statements (SQLite's spelling, translated for PostgreSQL) for a table
// of the outbox's shape, for a service that relays a second stream of its own
// (a Relay with RelayOptions::table).
std::string TableSql(absl::string_view table);

}  // namespace laso::outbox
