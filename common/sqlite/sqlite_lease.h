#pragma once

#include <string>

#include "common/sql/lease.h"

namespace laso::sqlite {

// sql::Lease on SQLite: an exclusive flock on <database>.lease-<name>, which
// the kernel drops when the holder's process ends however it ends. Two
// processes started on one SQLite file (a mistake, or a restart overlapping
// the old process) so never both run the singletons. An in-memory database
// has only this process: its lease is always held.
class SqliteLease : public sql::Lease {
 public:
  SqliteLease(const std::string& database_path, const std::string& name);
  ~SqliteLease() override;
  SqliteLease(const SqliteLease&) = delete;
  SqliteLease& operator=(const SqliteLease&) = delete;

  absl::StatusOr<bool> TryHold() override;
  void Release() override;

 private:
  std::string path_;  // empty: in memory
  int fd_ = -1;
  bool held_ = false;
};

}  // namespace laso::sqlite
