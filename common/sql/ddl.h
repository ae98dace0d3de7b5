#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace laso::sql {

// The PostgreSQL spelling of schema SQL written for SQLite: INTEGER is BIGINT
// (SQLite's integers are 64-bit, and times are stored in microseconds), an
// INTEGER PRIMARY KEY numbers itself (an identity column), REAL is DOUBLE
// PRECISION, BLOB is BYTEA, WITHOUT ROWID goes. Quoted text is left alone.
std::string PostgresDdl(absl::string_view sqlite_ddl);

}  // namespace laso::sql
