#include "common/sqlite/sqlite_database.h"

#include <vector>

#include "common/sqlite/migrations.h"
#include "common/sqlite/sqlite_lease.h"
#include "common/sqlite/transaction.h"

namespace laso::sqlite {
namespace {

class StatementRow : public sql::Row {
 public:
  explicit StatementRow(Statement& s) : s_(s) {}
  bool IsNull(int column) const override { return s_.IsNull(column); }
  int64_t Int(int column) const override { return s_.Int(column); }
  double Double(int column) const override { return s_.Double(column); }
  std::string Text(int column) const override { return s_.Text(column); }
  std::string Bytes(int column) const override { return s_.BlobAt(column); }

 private:
  Statement& s_;
};

absl::Status BindValue(Statement& s, int index, const sql::Value& v) {
  switch (v.kind) {
    case sql::Value::Kind::kNull:
      return s.Bind(index, nullptr);
    case sql::Value::Kind::kInt:
      return s.Bind(index, v.i);
    case sql::Value::Kind::kDouble:
      return s.Bind(index, v.d);
    case sql::Value::Kind::kText:
      return s.Bind(index, v.bytes);
    case sql::Value::Kind::kBlob:
      return s.Bind(index, Blob{v.bytes});
  }
  return absl::InternalError("unknown value kind");
}

class ConnectionSession : public sql::Session {
 public:
  explicit ConnectionSession(Connection& conn) : conn_(conn) {}
  sql::Engine engine() const override { return sql::Engine::kSqlite; }

  absl::StatusOr<int64_t> Run(absl::string_view sql, absl::Span<const sql::Value> params) override {
    auto stmt = Bound(sql, params);
    if (!stmt.ok()) return stmt.status();
    absl::Status s = (*stmt)->Run();
    (*stmt)->Reset();
    if (!s.ok()) return s;
    return conn_.Changes();
  }

  absl::Status Query(absl::string_view sql, absl::Span<const sql::Value> params, sql::RowFn on_row) override {
    auto stmt = Bound(sql, params);
    if (!stmt.ok()) return stmt.status();
    Statement& s = **stmt;
    StatementRow row(s);
    absl::Status status;
    while (status.ok()) {
      auto next = s.Step();
      if (!next.ok()) {
        status = next.status();
      } else if (!*next) {
        break;
      } else {
        status = on_row(row);
      }
    }
    s.Reset();
    return status;
  }

  absl::Status Lock(absl::string_view) override { return absl::OkStatus(); }

 private:
  // The cached statement with $1, $2, ... bound by name (SQLite numbers named
  // parameters in order of first appearance, not by their digits).
  absl::StatusOr<Statement*> Bound(absl::string_view sql, absl::Span<const sql::Value> params) {
    auto stmt = conn_.Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    for (size_t i = 0; i < params.size(); ++i) {
      int index = (*stmt)->NumberedIndex(static_cast<int>(i) + 1);
      if (index == 0) continue;  // this statement does not use it
      if (auto s = BindValue(**stmt, index, params[i]); !s.ok()) {
        (*stmt)->Reset();
        return s;
      }
    }
    return *stmt;
  }

  Connection& conn_;
};

std::vector<Migration> ForSqlite(absl::Span<const sql::Migration> migrations) {
  std::vector<Migration> out;
  out.reserve(migrations.size());
  for (const sql::Migration& m : migrations) out.push_back({m.version, m.description, m.sql});
  return out;
}

}  // namespace

std::unique_ptr<sql::Session> SessionOn(Connection& conn) { return std::make_unique<ConnectionSession>(conn); }

absl::StatusOr<std::unique_ptr<sql::Lease>> SqliteDatabase::OpenLease(absl::string_view name) {
  return std::make_unique<SqliteLease>(pool_->options().path, std::string(name));
}

absl::StatusOr<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const Options& options, int readers) {
  auto pool = Pool::Open(options, readers);
  if (!pool.ok()) return pool.status();
  return std::make_unique<SqliteDatabase>(std::move(*pool));
}

absl::Status SqliteDatabase::Write(sql::WorkFn work) {
  return RunInTransaction(*pool_, [&](Connection& conn) {
    ConnectionSession session(conn);
    return work(session);
  });
}

absl::Status SqliteDatabase::Read(sql::WorkFn work) {
  auto reader = pool_->Reader();
  if (!reader.ok()) return reader.status();
  ConnectionSession session(**reader);
  return work(session);
}

absl::Status SqliteDatabase::ForgetFreedBytes() {
  auto writer = pool_->Writer();
  // Readers in the way make this a partial checkpoint; the next erasure (or SQLite's own) finishes it.
  return writer->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

absl::Status SqliteDatabase::Migrate(absl::string_view component, absl::Span<const sql::Migration> migrations) {
  auto writer = pool_->Writer();
  return sqlite::Migrate(*writer, component, ForSqlite(migrations));
}

absl::StatusOr<int> SqliteDatabase::SchemaVersion(absl::string_view component) {
  auto writer = pool_->Writer();
  return sqlite::SchemaVersion(*writer, component);
}

}  // namespace laso::sqlite
