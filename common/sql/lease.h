#pragma once

#include "absl/status/statusor.h"

namespace laso::sql {

// At most one holder at a time among every process that opens the same
// database: how the replicas of a service choose the one that runs its
// singleton work (the outbox relay, sweeps and scans, notify's Zalo sender).
// On PostgreSQL it is a session advisory lock on a connection of its own; on
// SQLite an exclusive flock on a file beside the database. A holder that dies
// frees it at once: its connection or file descriptor closes with it.
// One thread at a time (LeaseKeeper polls it).
class Lease {
 public:
  virtual ~Lease() = default;
  // Becomes the holder if nobody is, or checks that a lease held is still
  // held (a PostgreSQL connection can drop). True while this process holds it.
  virtual absl::StatusOr<bool> TryHold() = 0;
  // Lets another process take it.
  virtual void Release() = 0;
};

}  // namespace laso::sql
