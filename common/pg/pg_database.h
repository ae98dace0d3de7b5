#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/pg/connection.h"
#include "common/sql/database.h"

namespace laso::pg {

// sql::Database on a PostgreSQL database: a pool of up to `pool_size`
// connections with no single writer, transactions in READ COMMITTED (what a
// transaction reads to write it locks with Session::Lock), run again when the
// server aborts one to break a conflict, and connections that were lost
// replaced on their next use.
class PgDatabase : public sql::Database {
 public:
  // Connects once, so a wrong URI, an unreachable server or a missing database fails here.
  static absl::StatusOr<std::unique_ptr<PgDatabase>> Open(const Options& options);

  sql::Engine engine() const override { return sql::Engine::kPostgres; }
  absl::Status Write(sql::WorkFn work) override;
  absl::Status Read(sql::WorkFn work) override;
  absl::Status Migrate(absl::string_view component, absl::Span<const sql::Migration> migrations) override;
  absl::StatusOr<int> SchemaVersion(absl::string_view component) override;
  absl::Status ForgetFreedBytes() override { return absl::OkStatus(); }
  std::string Describe() const override;
  absl::StatusOr<std::unique_ptr<sql::Lease>> OpenLease(absl::string_view name) override;

  // Transactions the server aborted and that were run again, since start.
  int64_t conflict_retries() const;

 private:
  explicit PgDatabase(Options options) : options_(std::move(options)) {}

  // A pool connection, back to the pool when it goes out of scope.
  class Borrowed {
   public:
    Borrowed(PgDatabase* db, std::unique_ptr<Connection> conn) : db_(db), conn_(std::move(conn)) {}
    Borrowed(Borrowed&&) = default;
    ~Borrowed();
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    PgDatabase* db_;
    std::unique_ptr<Connection> conn_;
  };
  absl::StatusOr<Borrowed> Acquire();
  void Release(std::unique_ptr<Connection> conn);
  absl::Status WriteOnce(sql::WorkFn work);

  const Options options_;
  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle and leased
  int64_t conflict_retries_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace laso::pg
