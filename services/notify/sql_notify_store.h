#pragma once

#include <memory>

#include "common/sql/database.h"
#include "services/notify/notify_store.h"

namespace laso::notify {

// NotifyStore on either engine (SQLite or PostgreSQL).
class SqlNotifyStore final : public NotifyStore {
 public:
  static absl::StatusOr<std::unique_ptr<SqlNotifyStore>> Open(sql::Database& db);
  // The table of dead letters, relayed to the dead-letter stream.
  static constexpr const char* kDeadLetterTable = "dead_letters";

  absl::Status Write(const std::function<absl::Status(Tx&)>& work) override;
  absl::StatusOr<std::vector<InboxEntry>> Inbox(const Owners& owners, int64_t before_seq, int limit,
                                                bool unread_only) override;
  absl::StatusOr<int64_t> UnreadCount(const Owners& owners) override;
  absl::StatusOr<std::string> Settings(const std::string& subject) override;
  absl::StatusOr<std::optional<Contact>> ContactOf(const std::string& subject) override;
  absl::StatusOr<std::string> Value(const std::string& key) override;
  absl::StatusOr<DeliveryCounts> Counts() override;
  absl::StatusOr<std::vector<DeadLetterRow>> DeadLetters(int64_t before_seq, int limit) override;
  absl::StatusOr<int64_t> Prune(absl::Time processed_before, absl::Time inbox_before,
                                absl::Time deliveries_before) override;

 private:
  explicit SqlNotifyStore(sql::Database& db) : db_(db) {}
  sql::Database& db_;
};

}  // namespace laso::notify
