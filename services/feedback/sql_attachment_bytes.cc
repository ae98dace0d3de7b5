#include "services/feedback/sql_attachment_bytes.h"

#include "common/sql/rows.h"

namespace laso::feedback {

absl::Status SqlAttachmentBytes::Write(const std::string& sha, const std::string& bytes) const {
  return sql::WriteOne(db_, "INSERT INTO attachment_bytes (sha256, bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING", sha,
                       sql::Blob{bytes})
      .status();
}

absl::StatusOr<std::string> SqlAttachmentBytes::Read(const std::string& sha) const {
  std::string out;
  bool found = false;
  auto s = sql::ReadEach(
      db_, "SELECT bytes FROM attachment_bytes WHERE sha256 = $1",
      [&](const sql::Row& row) {
        out = row.Bytes(0);
        found = true;
        return absl::OkStatus();
      },
      sha);
  if (!s.ok()) return s;
  if (!found) return absl::NotFoundError("Tệp đính kèm không còn.");
  return out;
}

absl::Status SqlAttachmentBytes::Remove(const std::string& sha) const {
  return sql::WriteOne(db_, "DELETE FROM attachment_bytes WHERE sha256 = $1", sha).status();
}

}  // namespace laso::feedback
