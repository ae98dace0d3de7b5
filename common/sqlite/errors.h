#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

struct sqlite3;

namespace laso::sqlite {

// Maps an SQLite result code to a status a caller can act on: busy and I/O
// errors are UNAVAILABLE (retry), a full disk is RESOURCE_EXHAUSTED, unique
// violations ALREADY_EXISTS, corruption DATA_LOSS.
absl::Status StatusFromCode(int code, absl::string_view context, sqlite3* db = nullptr);

}  // namespace laso::sqlite
