#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace laso::pg {

// The reason attached to a transaction PostgreSQL aborted to break a conflict
// (serialization failure 40001, deadlock 40P01): Database::Write runs it again.
inline constexpr char kConflictReason[] = "TRANSACTION_CONFLICT";

// One mapping from SQLSTATE to a status a caller can act on: 23505 unique
// violation is ALREADY_EXISTS, other integrity errors FAILED_PRECONDITION, a
// full disk or out of memory (53100, 53200) STORAGE_FULL, a lost or refused
// connection UNAVAILABLE, a statement timeout DEADLINE_EXCEEDED.
absl::Status StatusFromSqlState(absl::string_view sqlstate, absl::string_view message);

// The status of a finished command (null result: the connection failed).
absl::Status StatusFromResult(const PGresult* result, PGconn* conn, absl::string_view context);

}  // namespace laso::pg
