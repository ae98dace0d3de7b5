#include "common/pg/errors.h"

#include <libpq-fe.h>

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/sql/storage_errors.h"
#include "common/status/status.h"

namespace laso::pg {

absl::Status StatusFromSqlState(absl::string_view state, absl::string_view message) {
  if (state == "23505") return absl::AlreadyExistsError(message);
  if (absl::StartsWith(state, "23")) return absl::FailedPreconditionError(message);
  if (state == "40001" || state == "40P01") return WithReason(absl::AbortedError(message), kConflictReason);
  if (state == "53100" || state == "53200") return sql::StorageFull(message);
  if (state == "57014") return absl::DeadlineExceededError(absl::StrCat("database statement timed out: ", message));
  if (absl::StartsWith(state, "08") || absl::StartsWith(state, "53") || absl::StartsWith(state, "57P")) {
    return sql::StorageError(message);
  }
  if (absl::StartsWith(state, "22")) return absl::InvalidArgumentError(message);
  if (state == "XX001" || state == "XX002") return absl::DataLossError(message);
  return absl::InternalError(message);
}

absl::Status StatusFromResult(const PGresult* result, PGconn* conn, absl::string_view context) {
  ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return absl::OkStatus();
  std::string detail(absl::StripTrailingAsciiWhitespace(
      result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn)));
  std::string message = absl::StrCat(context, ": ", detail);
  if (PQstatus(conn) == CONNECTION_BAD) return sql::StorageError(absl::StrCat("database connection lost; ", message));
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state == nullptr) return sql::StorageError(message);
  return StatusFromSqlState(state, message);
}

}  // namespace laso::pg
