#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace laso::log {

// Appends s as a JSON string literal: quotes, backslashes and control
// characters escaped, invalid UTF-8 replaced by U+FFFD so the line always parses.
void AppendJsonString(std::string* out, absl::string_view s);

}  // namespace laso::log
