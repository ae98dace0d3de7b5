#pragma once

#include <cstdint>
#include <optional>

#include "absl/time/time.h"
#include "common/sql/database.h"

// Times in laso's tables are INTEGER microseconds since the epoch (UTC) on
// both engines: these are the one way in and out.
namespace laso::sql {

inline int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
inline std::optional<int64_t> Micros(const std::optional<absl::Time>& t) {
  return t ? std::optional<int64_t>(Micros(*t)) : std::nullopt;
}
inline absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }
// A nullable time column.
inline std::optional<absl::Time> TimeColumn(const Row& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return FromMicros(row.Int(column));
}

}  // namespace laso::sql
