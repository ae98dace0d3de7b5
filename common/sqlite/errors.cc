#include "common/sqlite/errors.h"

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "common/sql/storage_errors.h"

namespace laso::sqlite {

absl::Status StatusFromCode(int code, absl::string_view context, sqlite3* db) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  std::string message = absl::StrCat(context, ": ", detail);
  switch (code & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return absl::OkStatus();
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(absl::StrCat("database busy; ", message));
    // The disk is out of space or failing: the caller may retry later, and the
    // operator needs the detail, which names files and statements the caller
    // must not see.
    case SQLITE_FULL:
      return sql::StorageFull(message);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return sql::StorageError(message);
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(message);
      }
      return absl::FailedPreconditionError(message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(message);
    case SQLITE_READONLY:
      return absl::FailedPreconditionError(message);
    case SQLITE_TOOBIG:
      return absl::InvalidArgumentError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace laso::sqlite
