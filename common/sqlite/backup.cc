#include "common/sqlite/backup.h"

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "common/sqlite/errors.h"

namespace laso::sqlite {
namespace {

struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close_v2(db); }
};

}  // namespace

absl::Status OnlineBackup(const std::string& from, const std::string& to) {
  Handle source, dest;
  if (int rc = sqlite3_open_v2(from.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr); rc != SQLITE_OK) {
    return StatusFromCode(rc, absl::StrCat("open ", from), source.db);
  }
  if (int rc = sqlite3_open_v2(to.c_str(), &dest.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
      rc != SQLITE_OK) {
    return StatusFromCode(rc, absl::StrCat("open ", to), dest.db);
  }
  sqlite3_busy_timeout(source.db, 5000);
  sqlite3_busy_timeout(dest.db, 5000);
  sqlite3_backup* backup = sqlite3_backup_init(dest.db, "main", source.db, "main");
  if (backup == nullptr) return StatusFromCode(sqlite3_errcode(dest.db), "backup", dest.db);
  int rc = sqlite3_backup_step(backup, -1);  // every page in one step: one read snapshot
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return StatusFromCode(rc, absl::StrCat("backup ", from, " to ", to), dest.db);
  return absl::OkStatus();
}

}  // namespace laso::sqlite
