#include "common/sqlite/connection.h"

#include <sqlite3.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/sqlite/errors.h"

namespace laso::sqlite {
namespace {

const char* SynchronousPragma(Synchronous s) {
  switch (s) {
    case Synchronous::kOff: return "PRAGMA synchronous=OFF";
    case Synchronous::kNormal: return "PRAGMA synchronous=NORMAL";
    case Synchronous::kFull: return "PRAGMA synchronous=FULL";
    case Synchronous::kExtra: return "PRAGMA synchronous=EXTRA";
  }
  return "PRAGMA synchronous=FULL";
}

}  // namespace

absl::StatusOr<Synchronous> ParseSynchronous(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(name);
  if (lower == "off") return Synchronous::kOff;
  if (lower == "normal") return Synchronous::kNormal;
  if (lower == "full") return Synchronous::kFull;
  if (lower == "extra") return Synchronous::kExtra;
  return absl::InvalidArgumentError(absl::StrCat("unknown synchronous mode: ", name));
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const Options& options) {
  sqlite3* db = nullptr;
  // Readers open read-write and then set query_only: a connection opened with
  // SQLITE_OPEN_READONLY cannot always use the WAL index of a live database.
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE | (options.read_only ? 0 : SQLITE_OPEN_CREATE);
  int code = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  if (code != SQLITE_OK) {
    absl::Status status = StatusFromCode(code, absl::StrCat("open ", options.path), db);
    sqlite3_close_v2(db);
    return status;
  }
  std::unique_ptr<Connection> conn(new Connection(db, options.path));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(absl::ToInt64Milliseconds(options.busy_timeout)));
  if (!options.read_only) {
    auto mode = conn->Prepare("PRAGMA journal_mode=WAL");
    if (!mode.ok()) return mode.status();
    auto row = (*mode)->Step();
    if (!row.ok()) return row.status();
    std::string journal = *row ? absl::AsciiStrToLower((*mode)->Text(0)) : "";
    (*mode)->Reset();
    // In-memory databases cannot use WAL; files must.
    if (journal != "wal" && options.path != ":memory:") {
      return absl::FailedPreconditionError(absl::StrCat(options.path, ": cannot enable WAL (got ", journal, ")"));
    }
  }
  std::string pragmas = absl::StrCat(SynchronousPragma(options.synchronous),
                                     "; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA secure_delete=ON;"
                                     " PRAGMA cache_size=-16000;");
  if (options.read_only) pragmas += " PRAGMA query_only=1;";
  if (auto s = conn->Exec(pragmas); !s.ok()) return s;
  return conn;
}

Connection::~Connection() {
  cache_.clear();  // statements must be finalized before the connection closes
  sqlite3_close_v2(db_);
}

absl::Status Connection::Exec(absl::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (error != nullptr) sqlite3_free(error);
  if (code == SQLITE_OK) return absl::OkStatus();
  return StatusFromCode(sqlite3_extended_errcode(db_), "exec", db_);
}

absl::StatusOr<Statement*> Connection::Prepare(absl::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
  if (code != SQLITE_OK) return StatusFromCode(code, "prepare", db_);
  auto owned = std::make_unique<Statement>(db_, stmt);
  Statement* raw = owned.get();
  cache_.emplace(std::string(sql), std::move(owned));
  return raw;
}

int64_t Connection::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

}  // namespace laso::sqlite
