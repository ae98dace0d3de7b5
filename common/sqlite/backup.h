#pragma once

#include <string>

#include "absl/status/status.h"

namespace laso::sqlite {

// Copies database `from` into `to` with SQLite's online backup: a consistent
// snapshot even while other connections write (WAL readers do not block them).
// `to` is overwritten transactionally, whatever WAL it had.
absl::Status OnlineBackup(const std::string& from, const std::string& to);

}  // namespace laso::sqlite
