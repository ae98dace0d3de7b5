#pragma once

#include "common/sql/database.h"
#include "services/feedback/attachment_bytes.h"

namespace laso::feedback {

// Attachment bytes in the feedback database (table attachment_bytes, made by
// SqlFeedbackStore's migrations): on PostgreSQL every replica reads what any
// replica stored, with no shared file system.
class SqlAttachmentBytes final : public AttachmentBytes {
 public:
  explicit SqlAttachmentBytes(sql::Database& db) : db_(db) {}

  absl::Status Write(const std::string& sha256_hex, const std::string& bytes) const override;
  absl::StatusOr<std::string> Read(const std::string& sha256_hex) const override;
  absl::Status Remove(const std::string& sha256_hex) const override;

 private:
  sql::Database& db_;
};

}  // namespace laso::feedback
