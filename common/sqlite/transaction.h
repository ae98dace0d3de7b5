#pragma once

#include "absl/status/statusor.h"
#include <functional>

#include "common/sqlite/connection.h"
#include "common/sqlite/pool.h"

namespace laso::sqlite {

// BEGIN IMMEDIATE ... COMMIT. Immediate takes the write lock at once, so a
// transaction never fails half-way on a lock upgrade; busy_timeout governs the
// wait. Destroyed without Commit(), it rolls back: an early return on error
// leaves no partial write.
class Transaction {
 public:
  static absl::StatusOr<Transaction> Begin(Connection& conn);
  Transaction(Transaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  absl::Status Commit();
  Connection& connection() { return *conn_; }

 private:
  explicit Transaction(Connection* conn) : conn_(conn) {}
  Connection* conn_;  // null once committed or rolled back
};

// Runs `work` on the pool's writer inside one transaction: committed when it
// returns OK, rolled back (nothing written) otherwise.
absl::Status RunInTransaction(Pool& pool, const std::function<absl::Status(Connection&)>& work);

// RunInTransaction for a store whose transaction type wraps the connection:
//   return sqlite::WriteThrough<SqliteTx>(pool_, work);
template <typename StoreTx, typename Work>
absl::Status WriteThrough(Pool& pool, const Work& work) {
  return RunInTransaction(pool, [&](Connection& conn) {
    StoreTx tx(conn);
    return work(tx);
  });
}

}  // namespace laso::sqlite
