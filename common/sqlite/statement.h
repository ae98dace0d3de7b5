#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct sqlite3_stmt;
struct sqlite3;

namespace laso::sqlite {

// Bound as BLOB rather than TEXT.
struct Blob {
  absl::string_view bytes;
};

// A prepared statement with bound parameters; the only way laso runs SQL that
// carries values. Obtain one from Connection::Prepare.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1, as in SQL's ?1, ?2.
  absl::Status Bind(int index, int64_t value);
  absl::Status Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  absl::Status Bind(int index, bool value) { return Bind(index, static_cast<int64_t>(value)); }
  absl::Status Bind(int index, double value);
  absl::Status Bind(int index, absl::string_view text);
  absl::Status Bind(int index, const std::string& text) { return Bind(index, absl::string_view(text)); }
  absl::Status Bind(int index, const char* text) { return Bind(index, absl::string_view(text)); }
  absl::Status Bind(int index, Blob blob);
  absl::Status Bind(int index, std::nullptr_t);
  template <typename T>
  absl::Status Bind(int index, const std::optional<T>& value) {
    return value.has_value() ? Bind(index, *value) : Bind(index, nullptr);
  }

  template <typename... Args>
  absl::Status BindAll(const Args&... args) {
    absl::Status status;
    int index = 0;
    ((status.ok() ? (status = Bind(++index, args), void()) : void()), ...);
    return status;
  }

  // true when a row is ready to read, false when the statement is done.
  absl::StatusOr<bool> Step();
  // Steps to the end, for statements that return no rows.
  absl::Status Run();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  std::string BlobAt(int column) const;
  int ColumnCount() const;
  // The index of parameter $n (n from 1); 0 when the SQL does not use it. SQLite
  // numbers named parameters in order of first appearance, not by their digits;
  // the mapping is worked out once per statement.
  int NumberedIndex(int n);

  // Ready to run again, with parameters cleared.
  void Reset();

 private:
  absl::Status Check(int code, absl::string_view what) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::vector<int> numbered_;  // numbered_[n] = index of $n; filled on first use
  bool numbered_ready_ = false;
};

}  // namespace laso::sqlite
