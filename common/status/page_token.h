#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace laso {

// Opaque list page tokens over the store's sequence numbers.
std::string EncodePageToken(int64_t before_seq);
// 0 for an empty token (the first page); INVALID_ARGUMENT for garbage.
absl::StatusOr<int64_t> DecodePageToken(const std::string& token);

// A list call's page size as AIP-158 has it: 0 means `fallback`, more than
// `max` is served as `max`, and a negative size is INVALID_ARGUMENT (field pageSize).
absl::StatusOr<int> PageSize(int requested, int fallback, int max);

// One page of a list answer from rows read with one extra (size + 1): the first
// `size` rows through `view` into `items`, and the next page token when the extra row came.
template <typename Row, typename Items, typename View, typename Answer>
void FillPage(const std::vector<Row>& rows, int size, Items* items, View view, Answer* answer) {
  for (size_t i = 0; i < rows.size() && static_cast<int>(i) < size; ++i) *items->Add() = view(rows[i]);
  if (static_cast<int>(rows.size()) > size) answer->set_next_page_token(EncodePageToken(rows[size - 1].seq));
}

}  // namespace laso
