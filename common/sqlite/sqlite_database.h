#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/sql/database.h"
#include "common/sqlite/pool.h"

namespace laso::sqlite {

// sql::Database on one SQLite file: writes take turns on the pool's writer
// (BEGIN IMMEDIATE), reads use the WAL readers beside it.
class SqliteDatabase : public sql::Database {
 public:
  static absl::StatusOr<std::unique_ptr<SqliteDatabase>> Open(const Options& options, int readers);
  explicit SqliteDatabase(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}

  sql::Engine engine() const override { return sql::Engine::kSqlite; }
  absl::Status Write(sql::WorkFn work) override;
  absl::Status Read(sql::WorkFn work) override;
  absl::Status Migrate(absl::string_view component, absl::Span<const sql::Migration> migrations) override;
  absl::StatusOr<int> SchemaVersion(absl::string_view component) override;
  absl::Status ForgetFreedBytes() override;
  std::string Describe() const override { return pool_->options().path; }
  absl::StatusOr<std::unique_ptr<sql::Lease>> OpenLease(absl::string_view name) override;

  Pool& pool() { return *pool_; }

 private:
  std::unique_ptr<Pool> pool_;
};

// A sql::Session over one connection (for code that holds a Connection already).
std::unique_ptr<sql::Session> SessionOn(Connection& conn);

}  // namespace laso::sqlite
