#pragma once

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/sqlite/statement.h"

struct sqlite3;

// One SQLite connection: WAL journal, busy timeout, foreign keys on, and a
// cache of prepared statements. Not thread-safe: one thread at a time (Pool
// hands connections out).
namespace laso::sqlite {

enum class Synchronous { kOff, kNormal, kFull, kExtra };
absl::StatusOr<Synchronous> ParseSynchronous(absl::string_view name);

struct Options {
  std::string path;
  // FULL for databases whose writes are acknowledged to users: a committed
  // transaction survives a crash or power loss.
  Synchronous synchronous = Synchronous::kFull;
  absl::Duration busy_timeout = absl::Seconds(5);
  bool read_only = false;
};

class Connection {
 public:
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const Options& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters, possibly several statements (schema, pragmas).
  absl::Status Exec(absl::string_view sql);

  // The cached statement for this SQL, reset with bindings cleared. It stays
  // valid until this connection closes; do not use one statement in two
  // places at once.
  absl::StatusOr<Statement*> Prepare(absl::string_view sql);

  // Prepare, bind and run to completion; for writes.
  template <typename... Args>
  absl::Status Execute(absl::string_view sql, const Args&... args) {
    auto stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    if (auto s = (*stmt)->BindAll(args...); !s.ok()) return s;
    auto status = (*stmt)->Run();
    (*stmt)->Reset();
    return status;
  }

  int64_t LastInsertRowId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t Changes() const;
  const std::string& path() const { return path_; }
  sqlite3* raw() { return db_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  absl::flat_hash_map<std::string, std::unique_ptr<Statement>> cache_;
};

}  // namespace laso::sqlite
