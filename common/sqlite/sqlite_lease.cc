#include "common/sqlite/sqlite_lease.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace laso::sqlite {

SqliteLease::SqliteLease(const std::string& database_path, const std::string& name) {
  if (!database_path.empty() && database_path != ":memory:" && database_path.rfind("file::memory:", 0) != 0) {
    path_ = absl::StrCat(database_path, ".lease-", name);
  }
}

SqliteLease::~SqliteLease() {
  if (fd_ >= 0) close(fd_);  // releases the flock
}

absl::StatusOr<bool> SqliteLease::TryHold() {
  if (path_.empty()) return held_ = true;
  if (held_) return true;  // a flock cannot be lost while its descriptor is open
  if (fd_ < 0) {
    fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) return absl::UnavailableError(absl::StrCat("cannot open lease file ", path_, ": ", strerror(errno)));
  }
  if (flock(fd_, LOCK_EX | LOCK_NB) == 0) return held_ = true;
  if (errno == EWOULDBLOCK) return false;
  return absl::UnavailableError(absl::StrCat("cannot lock lease file ", path_, ": ", strerror(errno)));
}

void SqliteLease::Release() {
  if (held_ && fd_ >= 0) flock(fd_, LOCK_UN);
  held_ = false;
}

}  // namespace laso::sqlite
