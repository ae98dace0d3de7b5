#pragma once

// UTF-8 checks and repair without ICU, for the lowest layers (status messages)
// and for output that must stay well-formed whatever the bytes it carries.
#include <string>

#include "absl/strings/string_view.h"

namespace laso::text {

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool IsValidUtf8(absl::string_view s);

// `in` with every byte that does not begin a well-formed UTF-8 sequence
// (ill-formed, overlong, a surrogate, past U+10FFFF) replaced by U+FFFD.
std::string ScrubUtf8(absl::string_view in);

}  // namespace laso::text
