#include "services/feedback/attachment_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/crypto/random.h"

namespace laso::feedback {
namespace {

absl::Status Errno(absl::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

absl::Status SyncPath(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) return Errno("open", path);
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? absl::OkStatus() : Errno("fsync", path);
}

}  // namespace

std::string AttachmentFiles::PathOf(const std::string& sha) const {
  return absl::StrCat(dir_, "/", sha.substr(0, 2), "/", sha);
}

absl::Status AttachmentFiles::Write(const std::string& sha, const std::string& bytes) const {
  std::string path = PathOf(sha);
  if (::access(path.c_str(), F_OK) == 0) return absl::OkStatus();  // same content stored before
  std::string folder = absl::StrCat(dir_, "/", sha.substr(0, 2));
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return absl::InternalError(absl::StrCat("mkdir ", folder, ": ", ec.message()));
  std::string tmp = absl::StrCat(path, ".", crypto::RandomToken(8), ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("create", tmp);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      absl::Status s = Errno("write", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return s;
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    absl::Status s = Errno("fsync", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return s;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    absl::Status s = Errno("rename", tmp);
    ::unlink(tmp.c_str());
    return s;
  }
  return SyncPath(folder, O_RDONLY | O_DIRECTORY);
}

absl::StatusOr<std::string> AttachmentFiles::Read(const std::string& sha) const {
  std::ifstream in(PathOf(sha), std::ios::binary);
  if (!in) return absl::NotFoundError("Tệp đính kèm không còn.");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

absl::Status AttachmentFiles::Remove(const std::string& sha) const {
  std::string path = PathOf(sha);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("unlink", path);
  return absl::OkStatus();
}

}  // namespace laso::feedback
