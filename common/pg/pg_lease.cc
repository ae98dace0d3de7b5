#include "common/pg/pg_lease.h"

#include "absl/strings/str_cat.h"

namespace laso::pg {

PgLease::PgLease(Options options, std::string name)
    : options_(std::move(options)), key_(absl::StrCat("lease:", name)) {}

PgLease::~PgLease() { Release(); }

absl::StatusOr<bool> PgLease::TryHold() {
  if (conn_ != nullptr && conn_->Broken()) {
    conn_.reset();
    held_ = false;
  }
  if (conn_ == nullptr) {
    held_ = false;
    auto conn = Connection::Open(options_);
    if (!conn.ok()) return conn.status();
    conn_ = std::move(*conn);
  }
  // Held: ask the server, so a connection it dropped is noticed now and not at the next real use.
  const char* sql = held_ ? "SELECT 1" : "SELECT pg_try_advisory_lock(hashtextextended($1, 0))::int";
  auto answer = held_ ? conn_->QueryInt(sql, 0) : conn_->QueryInt(sql, 0, key_);
  if (!answer.ok()) {
    conn_.reset();
    held_ = false;
    return answer.status();
  }
  held_ = *answer == 1;
  return held_;
}

void PgLease::Release() {
  if (held_ && conn_ != nullptr) {
    (void)conn_->QueryInt("SELECT pg_advisory_unlock(hashtextextended($1, 0))::int", 0, key_);
  }
  held_ = false;
}

}  // namespace laso::pg
