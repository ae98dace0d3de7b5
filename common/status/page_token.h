#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace laso {

// Opaque list page tokens over the store's sequence numbers.
std::string EncodePageToken(int64_t before_seq);
// 0 for an empty token (the first page); INVALID_ARGUMENT for garbage.
absl::StatusOr<int64_t> DecodePageToken(const std::string& token);

// A list call's page size as AIP-158 has it: 0 means `fallback`, more than
// `max` is served as `max`, and a negative size is INVALID_ARGUMENT (field pageSize).
absl::StatusOr<int> PageSize(int requested, int fallback, int max);

}  // namespace laso
