#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/crypto/pii_vault.h"
#include "common/outbox/stream_consumer.h"
#include "common/rpc/caller.h"
#include "common/sql/database.h"
#include "laso/privacy/v1/privacy.pb.h"
#include "services/privacy/audit_store.h"

// The audit log as people use it: the services' audit events taken into the
// chain (a resident is kept as a keyed hash of their subject, so the log names
// no one in clear), the data protection officer's and admins' searches, and a
// resident's own access log, which names agencies, never staff.
namespace laso::privacy {

class AuditBook {
 public:
  AuditBook(sql::Database& db, const crypto::PiiVault& vault) : db_(db), vault_(vault) {}

  // Appends the batch's audit events (other types are not its business) in
  // the session's transaction; an event that does not parse is logged and
  // left out, since reading it again would not mend it. Returns entries appended.
  absl::StatusOr<int> Take(sql::Session& session, const std::vector<outbox::StreamEvent>& events) const;

  absl::StatusOr<v1::ListAuditResponse> List(const rpc::Caller& caller, const v1::ListAuditRequest& req) const;
  absl::StatusOr<v1::ListMyAccessLogResponse> Mine(const rpc::Caller& caller,
                                                   const v1::ListMyAccessLogRequest& req) const;

  // How the log keeps a resident ("zalo:<id>"): a keyed hash; "" for "".
  std::string PersonKey(const std::string& subject) const;

 private:
  sql::Database& db_;
  const crypto::PiiVault& vault_;
};

// A log entry as the data protection officer reads it.
v1::AuditEntry AuditEntryOf(const AuditRow& row);
// As the resident whose data it was sees it: the agency, never the person.
v1::AccessLogEntry AccessLogEntryOf(const AuditRow& row);
// "read" → "Xem thông tin cá nhân", "feedback.assign" → "Phân công xử lý phản ánh", ...
std::string ActionLabel(absl::string_view action);

// The window of a search: RFC 3339 times or Vietnamese dates ("2026-12-01");
// `to` as a date means the end of that day. INVALID_ARGUMENT naming the field.
absl::StatusOr<absl::Time> ParseWindowEdge(absl::string_view field, absl::string_view text, bool is_end);

}  // namespace laso::privacy
