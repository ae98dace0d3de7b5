#include "common/sqlite/statement.h"

#include <sqlite3.h>

#include <cstdlib>

#include "common/sqlite/errors.h"

namespace laso::sqlite {

Statement::~Statement() { sqlite3_finalize(stmt_); }

absl::Status Statement::Check(int code, absl::string_view what) const {
  if (code == SQLITE_OK) return absl::OkStatus();
  return StatusFromCode(sqlite3_extended_errcode(db_), what, db_);
}

absl::Status Statement::Bind(int index, int64_t value) {
  return Check(sqlite3_bind_int64(stmt_, index, value), "bind");
}

absl::Status Statement::Bind(int index, double value) {
  return Check(sqlite3_bind_double(stmt_, index, value), "bind");
}

absl::Status Statement::Bind(int index, absl::string_view text) {
  return Check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
               "bind");
}

absl::Status Statement::Bind(int index, Blob blob) {
  // A zero-length blob must still be a blob, not NULL.
  return Check(sqlite3_bind_blob64(stmt_, index, blob.bytes.empty() ? "" : blob.bytes.data(),
                                   blob.bytes.size(), SQLITE_TRANSIENT),
               "bind");
}

absl::Status Statement::Bind(int index, std::nullptr_t) {
  return Check(sqlite3_bind_null(stmt_, index), "bind");
}

absl::StatusOr<bool> Statement::Step() {
  int code = sqlite3_step(stmt_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  absl::Status status = StatusFromCode(sqlite3_extended_errcode(db_), "step", db_);
  sqlite3_reset(stmt_);
  return status;
}

absl::Status Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

bool Statement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text == nullptr ? std::string() : std::string(text, sqlite3_column_bytes(stmt_, column));
}

std::string Statement::BlobAt(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return data == nullptr ? std::string() : std::string(data, sqlite3_column_bytes(stmt_, column));
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }

int Statement::NumberedIndex(int n) {
  if (!numbered_ready_) {
    numbered_ready_ = true;
    int count = sqlite3_bind_parameter_count(stmt_);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(stmt_, i);
      if (name == nullptr || name[0] != '$') continue;
      int number = std::atoi(name + 1);
      if (number <= 0) continue;
      if (static_cast<int>(numbered_.size()) <= number) numbered_.resize(number + 1, 0);
      numbered_[number] = i;
    }
  }
  return n < static_cast<int>(numbered_.size()) ? numbered_[n] : 0;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

}  // namespace laso::sqlite
