#pragma once

#include "common/outbox/stream_consumer.h"
#include "common/sql/database.h"
#include "services/privacy/audit_book.h"
#include "services/privacy/request_book.h"

namespace laso::privacy {

// The event stream as the privacy service reads it (consumer group
// "privacy"): every service's audit events, into the log's chain, and the
// services' answers to residents' requests, with the checkpoint in the same
// transaction.
class PrivacySink : public outbox::EventSink {
 public:
  static constexpr char kGroup[] = "privacy";

  PrivacySink(sql::Database& db, const AuditBook& audit, const RequestBook& requests)
      : db_(db), audit_(audit), requests_(requests) {}
  absl::Status Accept(const std::vector<outbox::StreamEvent>& events) override;
  absl::StatusOr<std::string> Checkpoint() override;

 private:
  sql::Database& db_;
  const AuditBook& audit_;
  const RequestBook& requests_;
};

}  // namespace laso::privacy
