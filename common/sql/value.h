#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace laso::sql {

// Bound as BLOB (SQLite) or bytea (PostgreSQL) rather than text.
struct Blob {
  absl::string_view bytes;
};

// One bound parameter. It views the caller's bytes: valid while the call that binds it runs.
struct Value {
  enum class Kind { kNull, kInt, kDouble, kText, kBlob };
  Kind kind = Kind::kNull;
  int64_t i = 0;
  double d = 0;
  absl::string_view bytes;
};

inline Value ToValue(std::nullptr_t) { return Value{}; }
inline Value ToValue(int64_t v) { return Value{Value::Kind::kInt, v}; }
inline Value ToValue(int v) { return ToValue(static_cast<int64_t>(v)); }
inline Value ToValue(bool v) { return ToValue(static_cast<int64_t>(v)); }
inline Value ToValue(double v) { return Value{Value::Kind::kDouble, 0, v}; }
inline Value ToValue(absl::string_view v) { return Value{Value::Kind::kText, 0, 0, v}; }
inline Value ToValue(const std::string& v) { return ToValue(absl::string_view(v)); }
inline Value ToValue(const char* v) { return ToValue(absl::string_view(v)); }
inline Value ToValue(Blob v) { return Value{Value::Kind::kBlob, 0, 0, v.bytes}; }
template <typename T>
Value ToValue(const std::optional<T>& v) {
  return v.has_value() ? ToValue(*v) : Value{};
}

}  // namespace laso::sql
