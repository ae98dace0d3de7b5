#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace laso {

// Opaque list page tokens over the store's sequence numbers.
std::string EncodePageToken(int64_t before_seq);
// 0 for an empty token (the first page); INVALID_ARGUMENT for garbage.
absl::StatusOr<int64_t> DecodePageToken(const std::string& token);

}  // namespace laso
