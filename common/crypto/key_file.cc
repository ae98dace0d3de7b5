#include "common/crypto/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/crypto/hash.h"
#include "common/crypto/random.h"

namespace laso::crypto {
namespace {

std::string NewKeyLine(size_t key_bytes, absl::Time now) {
  std::string id = absl::StrCat("k", absl::FormatTime("%Y%m%d", now, absl::UTCTimeZone()),
                                Hex(RandomBytes(3)));
  return absl::StrCat(id, " ", Hex(RandomBytes(key_bytes)), "\n");
}

absl::Status AppendLine(const std::string& path, const std::string& line, bool create) {
  int flags = O_WRONLY | O_APPEND | O_CLOEXEC | (create ? O_CREAT | O_EXCL : 0);
  int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot write key file ", path, ": ", std::strerror(errno)));
  ssize_t written = ::write(fd, line.data(), line.size());
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size()) || !synced) {
    return absl::UnavailableError(absl::StrCat("cannot write key file ", path));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<NamedKey>> LoadKeyFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return absl::NotFoundError(absl::StrCat("no key file ", path));
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("key file ", path, " is readable by others; run: chmod 600 ", path));
  }
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::vector<NamedKey> keys;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(buffer.str(), '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> parts = absl::StrSplit(line, ' ', absl::SkipEmpty());
    NamedKey key;
    if (parts.size() != 2 || !HexDecode(parts[1], &key.secret) || key.secret.empty()) {
      return absl::DataLossError(absl::StrCat("key file ", path, " line ", line_no, " is not '<id> <hex>'"));
    }
    key.id = std::string(parts[0]);
    keys.push_back(std::move(key));
  }
  if (keys.empty()) return absl::DataLossError(absl::StrCat("key file ", path, " holds no key"));
  return keys;
}

absl::StatusOr<std::vector<NamedKey>> LoadOrCreateKeyFile(const std::string& path, size_t key_bytes, absl::Time now,
                                                          MissingKey missing) {
  if (::access(path.c_str(), F_OK) != 0) {
    if (missing == MissingKey::kRefuse) {
      return absl::FailedPreconditionError(absl::StrCat(
          "key file ", path, " does not exist: create the keys once with `laso keys init` and give every replica "
          "the same files (or, on one machine only, set keys.create_missing = true)"));
    }
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
      std::filesystem::create_directories(parent, ec);
      if (ec) return absl::UnavailableError(absl::StrCat("cannot create ", parent.string(), ": ", ec.message()));
      std::filesystem::permissions(parent, std::filesystem::perms::owner_all, ec);
    }
    // Written whole under a private name, then linked into place: a process
    // starting at the same moment sees no file or a complete one, never an
    // empty one. If another process linked first, its key is the one to use.
    std::string staging = absl::StrCat(path, ".new-", Hex(RandomBytes(6)));
    auto written = AppendLine(staging, NewKeyLine(key_bytes, now), /*create=*/true);
    if (!written.ok()) {
      ::unlink(staging.c_str());
      return written;
    }
    int linked = ::link(staging.c_str(), path.c_str());
    int link_errno = errno;
    ::unlink(staging.c_str());
    if (linked != 0 && link_errno != EEXIST) {
      return absl::UnavailableError(
          absl::StrCat("cannot create key file ", path, ": ", std::strerror(link_errno)));
    }
  }
  return LoadKeyFile(path);
}

absl::StatusOr<std::string> RotateKeyFile(const std::string& path, size_t key_bytes, absl::Time now) {
  auto existing = LoadKeyFile(path);
  if (!existing.ok()) return existing.status();
  std::string line = NewKeyLine(key_bytes, now);
  if (auto s = AppendLine(path, line, /*create=*/false); !s.ok()) return s;
  return line.substr(0, line.find(' '));
}

}  // namespace laso::crypto
