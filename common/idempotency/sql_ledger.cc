#include "common/idempotency/sql_ledger.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/sql/rows.h"

namespace laso::idempotency {

absl::StatusOr<std::optional<Entry>> SqlLedger::Find(absl::string_view subject, absl::string_view key) {
  // Two retries at once take turns here: the second finds the first's answer.
  if (auto s = session_.Lock(absl::StrCat("idempotency/", subject, "/", key)); !s.ok()) return s;
  std::optional<Entry> out;
  auto found = session_.QueryRow(
      "SELECT request_hash, response FROM idempotency_keys WHERE subject = $1 AND key = $2",
      [&](const sql::Row& row) {
        out = Entry{row.Text(0), row.Bytes(1)};
        return absl::OkStatus();
      },
      std::string(subject), std::string(key));
  if (!found.ok()) return found.status();
  return out;
}

absl::Status SqlLedger::Remember(absl::string_view subject, absl::string_view key, const Entry& entry,
                                 absl::Time at) {
  return session_
      .Execute("INSERT INTO idempotency_keys (subject, key, request_hash, response, created_at)"
               " VALUES ($1, $2, $3, $4, $5)",
               std::string(subject), std::string(key), entry.request_hash, sql::Blob{entry.response},
               absl::ToUnixMicros(at))
      .status();
}

absl::StatusOr<int64_t> SqlLedger::Forget(absl::string_view subject) {
  return session_.Execute("DELETE FROM idempotency_keys WHERE subject = $1", std::string(subject));
}

absl::Status MigrateLedger(sql::Database& db) {
  // IF NOT EXISTS: feedback made this very table in its own first migration.
  static const auto* kMigrations = new std::vector<sql::Migration>{
      {1, "idempotency keys of retried writes",
       "CREATE TABLE IF NOT EXISTS idempotency_keys (subject TEXT NOT NULL, key TEXT NOT NULL,"
       " request_hash TEXT NOT NULL, response BLOB NOT NULL, created_at INTEGER NOT NULL,"
       " PRIMARY KEY (subject, key)) WITHOUT ROWID;"
       "CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys(created_at);"},
  };
  return db.Migrate("idempotency", *kMigrations);
}

absl::StatusOr<int64_t> PruneLedger(sql::Database& db, absl::Time before) {
  return sql::WriteOne(db, "DELETE FROM idempotency_keys WHERE created_at < $1", absl::ToUnixMicros(before));
}

}  // namespace laso::idempotency
