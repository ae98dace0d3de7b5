#pragma once

#include <string>

#include "absl/strings/string_view.h"

// What must never reach a log line in the clear.
namespace laso::log {

// "84987654321" -> "84987***321"; any run of 9 to 15 digits (an optional '+'
// before it) inside text is masked the same way, so a phone number pasted into a
// message does not leak. Runs of 16 to 20 digits (Zalo ids) keep only their first
// four and last three: "3000***001". Shorter numbers (ids, counts) are left alone.
std::string MaskPhones(absl::string_view text);

// Whether a field of this name holds a secret whose value must not be logged at
// all (tokens, keys, signatures, passwords, bodies, identity numbers).
bool IsSecretKey(absl::string_view key);

// Whether a field of this name holds a phone number (masked, not dropped).
bool IsPhoneKey(absl::string_view key);

}  // namespace laso::log
