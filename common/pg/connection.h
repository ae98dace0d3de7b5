#pragma once

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace laso::pg {

struct Options {
  std::string uri;  // postgresql://user@host:port/database?sslmode=...
  int pool_size = 8;
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration statement_timeout = absl::Seconds(30);
  int max_conflict_retries = 8;  // serialization failures and deadlocks
  std::string application_name = "laso";
};

// One libpq connection: UTF-8, the statement timeout set, and a cache of
// prepared statements (one per SQL text and parameter types). Parameters go in
// binary form, so text is never re-quoted or copied; results come as text.
// One thread at a time (the pool hands connections out).
class Connection : public sql::Session {
 public:
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const Options& options);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sql::Engine engine() const override { return sql::Engine::kPostgres; }
  absl::StatusOr<int64_t> Run(absl::string_view sql, absl::Span<const sql::Value> params) override;
  absl::Status Query(absl::string_view sql, absl::Span<const sql::Value> params, sql::RowFn on_row) override;
  absl::Status Lock(absl::string_view key) override;

  // SQL without parameters, possibly several statements (schema, BEGIN, COMMIT).
  absl::Status Script(absl::string_view sql);
  // The connection is gone (the server restarted, the network failed); the pool replaces it.
  bool Broken() const;

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  // Runs a prepared statement; the result is handed to `use` and freed after it.
  absl::Status RunPrepared(absl::string_view sql, absl::Span<const sql::Value> params,
                           absl::FunctionRef<absl::Status(PGresult*)> use);
  absl::StatusOr<std::string> Prepared(absl::string_view sql, absl::Span<const sql::Value> params);

  PGconn* conn_;
  absl::flat_hash_map<std::string, std::string> prepared_;  // SQL + types -> statement name
};

}  // namespace laso::pg
