#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace laso::sql {

// What a caller is told when the database cannot store (503, safe to show a
// resident); the detail, which names files and statements, goes to the log.
absl::Status StorageFull(absl::string_view detail);   // reason STORAGE_FULL
absl::Status StorageError(absl::string_view detail);  // reason STORAGE_ERROR

}  // namespace laso::sql
