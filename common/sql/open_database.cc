#include "common/sql/open_database.h"

#include "absl/strings/str_cat.h"
#include "common/pg/pg_database.h"
#include "common/pg/uri.h"
#include "common/sqlite/sqlite_database.h"

namespace laso::sql {
namespace {

absl::Status NamingKey(const std::string& key, const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat("config key '", key, "': ", s.message()));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const config::Config& c, const std::string& key,
                                                       const std::string& application_name) {
  std::string value = c.String(key);
  if (value.empty()) return absl::InvalidArgumentError(absl::StrCat("config key '", key, "' is empty"));
  if (pg::IsPostgresUri(value)) {
    pg::Options options{.uri = value,
                        .pool_size = static_cast<int>(c.Int("pg.pool_size")),
                        .connect_timeout = c.Duration("pg.connect_timeout"),
                        .statement_timeout = c.Duration("pg.statement_timeout"),
                        .max_conflict_retries = static_cast<int>(c.Int("pg.conflict_retries")),
                        .application_name = application_name};
    auto db = pg::PgDatabase::Open(options);
    if (!db.ok()) return NamingKey(key, db.status());
    return std::unique_ptr<Database>(std::move(*db));
  }
  if (value.find("://") != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("config key '", key, "': ", pg::RedactUri(value),
                     " is neither a SQLite file nor a postgresql:// URI"));
  }
  std::string path = value[0] == '/' ? value : absl::StrCat(c.String("data_dir"), "/", value);
  auto sync = sqlite::ParseSynchronous(c.String("sqlite.synchronous"));
  if (!sync.ok()) return sync.status();
  auto db = sqlite::SqliteDatabase::Open(
      {.path = path, .synchronous = *sync, .busy_timeout = c.Duration("sqlite.busy_timeout")},
      static_cast<int>(c.Int("sqlite.readers")));
  if (!db.ok()) return NamingKey(key, db.status());
  return std::unique_ptr<Database>(std::move(*db));
}

}  // namespace laso::sql
