#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace laso::feedback {

// Where attachment bytes live, by the SHA-256 of their content (so the same
// photo sent twice is stored once): a directory (AttachmentFiles, the
// default; a shared mount when there are several replicas) or the feedback
// service's own database (SqlAttachmentBytes: every replica sees them, and
// they are backed up with the reports).
class AttachmentBytes {
 public:
  virtual ~AttachmentBytes() = default;
  // Durable when it returns OK; writing content stored before changes nothing.
  virtual absl::Status Write(const std::string& sha256_hex, const std::string& bytes) const = 0;
  // NOT_FOUND when there is no such content.
  virtual absl::StatusOr<std::string> Read(const std::string& sha256_hex) const = 0;
  virtual absl::Status Remove(const std::string& sha256_hex) const = 0;
};

}  // namespace laso::feedback
