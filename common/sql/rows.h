#pragma once

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/sql/database.h"

namespace laso::sql {

// Parses a protobuf stored in a BLOB column. A row that does not parse is
// DATA_LOSS, never skipped: a list that silently drops records hides damage.
template <typename Message>
absl::Status ParseColumn(const Row& row, int column, Message* out, absl::string_view what) {
  if (out->ParseFromString(row.Bytes(column))) return absl::OkStatus();
  return absl::DataLossError(absl::StrCat("a stored ", what, " does not parse"));
}

// Micros since the epoch in a nullable INTEGER column.
inline std::optional<int64_t> NullableInt(const Row& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

}  // namespace laso::sql

namespace laso::sql {

// One query on a read connection, a call per row.
template <typename... Args>
absl::Status ReadEach(Database& db, absl::string_view sql, RowFn on_row, const Args&... args) {
  return db.Read([&](Session& session) { return session.ForEach(sql, on_row, args...); });
}

// The protobuf in `column` of every row, in order; a row that does not parse is DATA_LOSS.
template <typename Message, typename... Args>
absl::StatusOr<std::vector<Message>> ReadMessages(Database& db, absl::string_view sql, int column,
                                                  absl::string_view what, const Args&... args) {
  std::vector<Message> out;
  auto s = ReadEach(
      db, sql, [&](const Row& row) { return ParseColumn(row, column, &out.emplace_back(), what); }, args...);
  if (!s.ok()) return s;
  return out;
}

// The integer in the first column of the first row, read on a read connection, or `otherwise`.
template <typename... Args>
absl::StatusOr<int64_t> ReadInt(Database& db, absl::string_view sql, int64_t otherwise, const Args&... args) {
  int64_t out = otherwise;
  auto s = db.Read([&](Session& session) -> absl::Status {
    auto value = session.QueryInt(sql, otherwise, args...);
    if (!value.ok()) return value.status();
    out = *value;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

// One statement in a transaction of its own; returns the rows it changed.
template <typename... Args>
absl::StatusOr<int64_t> WriteOne(Database& db, absl::string_view sql, const Args&... args) {
  int64_t changed = 0;
  auto s = db.Write([&](Session& session) -> absl::Status {
    auto n = session.Execute(sql, args...);
    if (!n.ok()) return n.status();
    changed = *n;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return changed;
}

// A value computed from a read connection: ReadValue<T>(db, [&](Session& s) -> absl::StatusOr<T> {...}).
template <typename T, typename Read>
absl::StatusOr<T> ReadValue(Database& db, Read read) {
  absl::StatusOr<T> out;
  auto s = db.Read([&](Session& session) {
    out = read(session);
    return out.status();
  });
  if (!s.ok()) return s;
  return out;
}

// Every row of a query read by `read` (a Row -> T function) into a vector.
template <typename T, typename Read, typename... Args>
absl::StatusOr<std::vector<T>> Collect(Session& session, absl::string_view sql, Read read, const Args&... args) {
  std::vector<T> out;
  auto s = session.ForEach(
      sql,
      [&](const Row& r) {
        out.push_back(read(r));
        return absl::OkStatus();
      },
      args...);
  if (!s.ok()) return s;
  return out;
}

// The text in the first column of every row.
template <typename... Args>
absl::StatusOr<std::vector<std::string>> ReadTexts(Database& db, absl::string_view sql, const Args&... args) {
  return ReadValue<std::vector<std::string>>(db, [&](Session& session) {
    return Collect<std::string>(session, sql, [](const Row& r) { return r.Text(0); }, args...);
  });
}

// Runs `work` on a store's transaction type built over the session:
//   return sql::WriteThrough<SqlTx>(db_, work, clock_);
template <typename StoreTx, typename Work, typename... TxArgs>
absl::Status WriteThrough(Database& db, const Work& work, TxArgs... tx_args) {
  return db.Write([&](Session& session) {
    StoreTx tx(session, tx_args...);
    return work(tx);
  });
}

// A write's changed-row count as "did it change exactly one row?".
inline absl::StatusOr<bool> ChangedOne(const absl::StatusOr<int64_t>& changed) {
  if (!changed.ok()) return changed.status();
  return *changed == 1;
}

}  // namespace laso::sql
