#include "common/sql/data_versions.h"

#include <vector>

#include "common/sql/rows.h"

namespace laso::sql {

absl::Status MigrateDataVersions(Database& db) {
  static const auto* kMigrations = new std::vector<Migration>{
      {1, "versions of the data replicas keep in memory",
       "CREATE TABLE data_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;"},
  };
  return db.Migrate("data_versions", *kMigrations);
}

absl::StatusOr<int64_t> BumpVersion(Session& session, absl::string_view name) {
  auto bumped = session.Execute(
      "INSERT INTO data_versions (name, version) VALUES ($1, 1)"
      " ON CONFLICT(name) DO UPDATE SET version = data_versions.version + 1",
      std::string(name));
  if (!bumped.ok()) return bumped.status();
  return ReadVersion(session, name);
}

absl::StatusOr<int64_t> ReadVersion(Session& session, absl::string_view name) {
  return session.QueryInt("SELECT version FROM data_versions WHERE name = $1", 0, std::string(name));
}

absl::StatusOr<int64_t> ReadVersion(Database& db, absl::string_view name) {
  return ReadInt(db, "SELECT version FROM data_versions WHERE name = $1", 0, std::string(name));
}

absl::Status VersionWatch::Load() {
  absl::MutexLock lock(&mu_);
  auto version = ReadVersion(db_, name_);
  if (!version.ok()) return version.status();
  if (auto s = reload_(); !s.ok()) return s;
  loaded_ = *version;
  return absl::OkStatus();
}

absl::Status VersionWatch::Refresh() {
  absl::MutexLock lock(&mu_);
  auto version = ReadVersion(db_, name_);
  if (!version.ok()) return version.status();
  if (*version == loaded_) return absl::OkStatus();
  if (auto s = reload_(); !s.ok()) return s;  // tried again at the next poll
  loaded_ = *version;
  return absl::OkStatus();
}

}  // namespace laso::sql
