#pragma once

#include <memory>
#include <string>

#include "common/pg/connection.h"
#include "common/sql/lease.h"

namespace laso::pg {

// sql::Lease on PostgreSQL: a session advisory lock on "lease:<name>", held on
// a connection of its own. The server drops it when that connection ends: the
// holder's process died (its socket closes), or the network or server failed,
// which TryHold notices on its next check and reports as not held. A dead
// machine's connection lingers until the server's TCP keepalives give up on it
// (tcp_keepalives_idle and friends; see the README).
class PgLease : public sql::Lease {
 public:
  PgLease(Options options, std::string name);
  ~PgLease() override;

  absl::StatusOr<bool> TryHold() override;
  void Release() override;

 private:
  const Options options_;
  const std::string key_;
  std::unique_ptr<Connection> conn_;
  bool held_ = false;
};

}  // namespace laso::pg
