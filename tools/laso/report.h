#pragma once

#include "absl/status/status.h"

namespace laso::cli {

// Prints "laso: <message>" to stderr and returns the exit code for failure (1).
int ReportFailure(const absl::Status& status);

}  // namespace laso::cli
