#pragma once

#include <string>

#include "absl/strings/string_view.h"

// Digests and MACs over raw bytes (std::string as a byte buffer).
namespace laso::crypto {

// 32 raw bytes.
std::string Sha256(absl::string_view data);
std::string HmacSha256(absl::string_view key, absl::string_view data);

// Lowercase hex of raw bytes, and back (false on odd length or a non-hex digit).
std::string Hex(absl::string_view bytes);
bool HexDecode(absl::string_view hex, std::string* out);

// Compares in time that depends only on the lengths, never on where the inputs
// differ: for MACs, signatures and secrets.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

}  // namespace laso::crypto
