#include "common/sqlite/migrations.h"

#include "absl/strings/str_cat.h"
#include "common/sqlite/transaction.h"

namespace laso::sqlite {
namespace {

constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " component TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " description TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
    " PRIMARY KEY (component, version))";

}  // namespace

absl::StatusOr<int> SchemaVersion(Connection& conn, absl::string_view component) {
  if (auto s = conn.Exec(kCreateTable); !s.ok()) return s;
  auto stmt = conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = ?1");
  if (!stmt.ok()) return stmt.status();
  if (auto s = (*stmt)->BindAll(component); !s.ok()) return s;
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  int version = static_cast<int>((*stmt)->Int(0));
  (*stmt)->Reset();
  return version;
}

absl::Status Migrate(Connection& conn, absl::string_view component, absl::Span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return absl::InternalError(absl::StrCat("migrations of ", component, " must be numbered 1, 2, 3...; found ",
                                              migrations[i].version, " at position ", i + 1));
    }
  }
  if (auto s = conn.Exec(kCreateTable); !s.ok()) return s;
  for (const Migration& m : migrations) {
    auto tx = Transaction::Begin(conn);
    if (!tx.ok()) return tx.status();
    // Read the version inside the write lock: another process may have just migrated.
    auto current = SchemaVersion(conn, component);
    if (!current.ok()) return current.status();
    if (*current >= m.version) continue;  // ~Transaction rolls back the empty transaction
    if (auto s = conn.Exec(m.sql); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("migration ", component, " #", m.version, " (", m.description,
                                                 "): ", s.message()));
    }
    if (auto s = conn.Execute("INSERT INTO schema_migrations (component, version, description) VALUES (?1, ?2, ?3)",
                              component, m.version, m.description);
        !s.ok()) {
      return s;
    }
    if (auto s = tx->Commit(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace laso::sqlite
