#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/sql/lease.h"
#include "common/sql/value.h"

// The engine-neutral face of a service's database. Stores are written once
// against it and run on SQLite (the embedded default) or PostgreSQL.
//
// SQL is written for both engines: parameters are $1, $2, ... (each may appear
// more than once); types are those of the migrations (INTEGER is 64-bit, BLOB
// is bytea on PostgreSQL); no engine-only functions. Results are read by
// column number.
namespace laso::sql {

enum class Engine { kSqlite, kPostgres };
absl::string_view EngineName(Engine engine);

// The current row of a query.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual std::string Bytes(int column) const = 0;  // a BLOB/bytea column
};

// Called per row; a non-OK status stops the query and is returned by it.
using RowFn = absl::FunctionRef<absl::Status(const Row&)>;

// One connection, inside a transaction when given by Database::Write.
class Session {
 public:
  virtual ~Session() = default;
  virtual Engine engine() const = 0;

  // Runs a statement; returns how many rows it inserted, updated or deleted.
  virtual absl::StatusOr<int64_t> Run(absl::string_view sql, absl::Span<const Value> params) = 0;
  virtual absl::Status Query(absl::string_view sql, absl::Span<const Value> params, RowFn on_row) = 0;
  // Holds `key` until the transaction ends: a second writer that locks the same
  // key waits. What a transaction reads in order to write is locked this way,
  // including rows that do not exist yet (which SELECT ... FOR UPDATE cannot
  // lock). PostgreSQL: a transaction-scoped advisory lock; SQLite: nothing to
  // do, writers already take turns.
  virtual absl::Status Lock(absl::string_view key) = 0;

  template <typename... Args>
  absl::StatusOr<int64_t> Execute(absl::string_view sql, const Args&... args) {
    const Value params[] = {ToValue(args)..., Value{}};
    return Run(sql, absl::MakeConstSpan(params, sizeof...(Args)));
  }
  template <typename... Args>
  absl::Status ForEach(absl::string_view sql, RowFn on_row, const Args&... args) {
    const Value params[] = {ToValue(args)..., Value{}};
    return Query(sql, absl::MakeConstSpan(params, sizeof...(Args)), on_row);
  }
  // The first row only; false when there is none.
  template <typename... Args>
  absl::StatusOr<bool> QueryRow(absl::string_view sql, RowFn on_row, const Args&... args) {
    bool found = false;
    absl::Status s = ForEach(
        sql,
        [&](const Row& row) -> absl::Status {
          if (found) return absl::OkStatus();
          found = true;
          return on_row(row);
        },
        args...);
    if (!s.ok()) return s;
    return found;
  }
  // The integer in the first column of the first row, or `otherwise`.
  template <typename... Args>
  absl::StatusOr<int64_t> QueryInt(absl::string_view sql, int64_t otherwise, const Args&... args) {
    int64_t out = otherwise;
    auto found = QueryRow(
        sql,
        [&](const Row& row) {
          if (!row.IsNull(0)) out = row.Int(0);
          return absl::OkStatus();
        },
        args...);
    if (!found.ok()) return found.status();
    return out;
  }
};

// A numbered schema change. `sql` is written for SQLite; PostgreSQL runs
// PostgresDdl(sql) unless `postgres` says otherwise.
struct Migration {
  int version;  // 1, 2, 3 ... in order, never reused
  std::string description;
  std::string sql;
  std::string postgres;
};

using WorkFn = absl::FunctionRef<absl::Status(Session&)>;

class Database {
 public:
  virtual ~Database() = default;
  virtual Engine engine() const = 0;

  // Runs `work` in one transaction: committed when it returns OK, rolled back
  // otherwise. A transaction the engine aborts to break a conflict (a
  // serialization failure or deadlock) is run again from the start, so `work`
  // must only touch the session (and what it may safely redo).
  virtual absl::Status Write(WorkFn work) = 0;
  // Runs `work` on a connection for reading; each statement sees committed data.
  virtual absl::Status Read(WorkFn work) = 0;

  // Applies, in order, the component's migrations newer than its recorded
  // version; several processes starting at once apply each exactly once.
  virtual absl::Status Migrate(absl::string_view component, absl::Span<const Migration> migrations) = 0;
  // The component's schema version; 0 before any migration.
  virtual absl::StatusOr<int> SchemaVersion(absl::string_view component) = 0;

  // After an erasure: makes what was deleted unreadable from the files where
  // the engine can. SQLite overwrites deleted content (secure_delete is on)
  // and this truncates the write-ahead log, which still holds older page
  // images. PostgreSQL keeps dead rows until vacuum and its WAL until
  // recycled: nothing is done here (see the README on erasure).
  virtual absl::Status ForgetFreedBytes() = 0;

  // Where it is, safe for logs: a file path, or a URI without its password.
  virtual std::string Describe() const = 0;

  // The lease `name` among every process using this database (lease.h).
  virtual absl::StatusOr<std::unique_ptr<Lease>> OpenLease(absl::string_view name) = 0;
};

}  // namespace laso::sql
