#pragma once

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/text/utf8.h"  // IsValidUtf8, ScrubUtf8

// Vietnamese text: stored as UTF-8 NFC, searched folded so "Tân An" = "tan an".
namespace laso::text {

// User-perceived length in Unicode code points (of valid UTF-8).
size_t CodePointCount(absl::string_view utf8);

// Composes to NFC: text typed with combining marks ("Unicode tổ hợp") and text
// typed precomposed compare equal after this. Input must be valid UTF-8.
std::string ToNfc(absl::string_view utf8);

// Lowercase, diacritics stripped, đ -> d, runs of white space folded to one
// space and trimmed: "  Phường 2,  TÂN AN " -> "phuong 2, tan an".
std::string FoldForSearch(absl::string_view utf8);

// Checks a free-text field: valid UTF-8, between min and max code points, no
// control characters except newline and tab. INVALID_ARGUMENT names the field.
absl::Status ValidateText(absl::string_view field, absl::string_view value, size_t min_chars,
                          size_t max_chars);

}  // namespace laso::text
