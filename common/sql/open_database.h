#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/sql/database.h"

namespace laso::sql {

// Opens the database named by configuration key `key` (e.g. "dossier.database"):
// a postgresql:// URI is a PostgreSQL database (pg.* keys), anything else a
// SQLite file, relative to data_dir (sqlite.* keys). A bad value, an
// unreachable server or a missing database is an error naming the key.
absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const config::Config& config, const std::string& key,
                                                       const std::string& application_name);

}  // namespace laso::sql
