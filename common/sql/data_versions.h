#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "common/sql/database.h"

// How a replica learns that another changed data it keeps in memory (the
// feedback catalogue, the tariffs, the waste routes): a counter per kind of
// data in the service's database, bumped in the transaction that changes the
// data and polled by every replica.
//
// A bump locks its row until the transaction ends, so the writers of one kind
// commit in counter order: a reader that sees version N has every change up to
// N, and a log keyed by the version (waste positions, subscriptions) can be
// read incrementally ("everything after the version I applied").
namespace laso::sql {

absl::Status MigrateDataVersions(Database& db);
// In a write transaction: the next version of `name` (1 the first time).
absl::StatusOr<int64_t> BumpVersion(Session& session, absl::string_view name);
// The committed version of `name`; 0 when it was never bumped.
absl::StatusOr<int64_t> ReadVersion(Session& session, absl::string_view name);
absl::StatusOr<int64_t> ReadVersion(Database& db, absl::string_view name);

// Keeps what a `reload` function loads in step with the version of `name`.
class VersionWatch {
 public:
  VersionWatch(Database& db, std::string name, std::function<absl::Status()> reload)
      : db_(db), name_(std::move(name)), reload_(std::move(reload)) {}

  // Reads the version, then loads (in this order, so a change committed in
  // between is loaded again by the next Refresh, never missed).
  absl::Status Load();
  // Loads again when the version moved since the last load; a periodic task
  // calls it every sync.poll_interval.
  absl::Status Refresh();
  const std::string& name() const { return name_; }

 private:
  Database& db_;
  const std::string name_;
  const std::function<absl::Status()> reload_;
  absl::Mutex mu_;
  int64_t loaded_ ABSL_GUARDED_BY(mu_) = -1;
};

}  // namespace laso::sql
