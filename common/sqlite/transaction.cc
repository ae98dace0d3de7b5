#include "common/sqlite/transaction.h"

namespace laso::sqlite {

absl::StatusOr<Transaction> Transaction::Begin(Connection& conn) {
  if (auto s = conn.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  return Transaction(&conn);
}

Transaction::~Transaction() {
  if (conn_ != nullptr) (void)conn_->Exec("ROLLBACK");
}

absl::Status Transaction::Commit() {
  if (conn_ == nullptr) return absl::FailedPreconditionError("transaction already finished");
  absl::Status status = conn_->Exec("COMMIT");
  if (status.ok()) {
    conn_ = nullptr;
    return status;
  }
  // A failed COMMIT (e.g. disk full) leaves the transaction open; roll it back
  // now so the connection is usable again.
  (void)conn_->Exec("ROLLBACK");
  conn_ = nullptr;
  return status;
}

absl::Status RunInTransaction(Pool& pool, const std::function<absl::Status(Connection&)>& work) {
  auto writer = pool.Writer();
  auto tx = Transaction::Begin(*writer);
  if (!tx.ok()) return tx.status();
  if (auto s = work(*writer); !s.ok()) return s;  // the transaction rolls back
  return tx->Commit();
}

}  // namespace laso::sqlite
