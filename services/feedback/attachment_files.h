#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/feedback/attachment_bytes.h"

namespace laso::feedback {

// Attachment bytes on disk, one file per distinct content, named by its
// SHA-256 under <dir>/<first two hex digits>/. A file is written aside,
// flushed and renamed into place, so a crash leaves either nothing or the
// whole file, never a torn one.
class AttachmentFiles final : public AttachmentBytes {
 public:
  explicit AttachmentFiles(std::string dir) : dir_(std::move(dir)) {}

  absl::Status Write(const std::string& sha256_hex, const std::string& bytes) const override;
  absl::StatusOr<std::string> Read(const std::string& sha256_hex) const override;
  absl::Status Remove(const std::string& sha256_hex) const override;

 private:
  std::string PathOf(const std::string& sha256_hex) const;
  std::string dir_;
};

}  // namespace laso::feedback
