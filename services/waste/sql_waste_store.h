#pragma once

#include <memory>

#include "common/sql/database.h"
#include "services/waste/waste_store.h"

namespace laso::waste {

// WasteStore on either engine (SQLite or PostgreSQL).
class SqlWasteStore final : public WasteStore {
 public:
  static absl::StatusOr<std::unique_ptr<SqlWasteStore>> Open(sql::Database& db);

  absl::Status Write(const std::function<absl::Status(Tx&)>& work) override;
  absl::StatusOr<std::vector<v1::Route>> Routes() override;
  absl::StatusOr<std::vector<Fix>> Fixes(const std::string& vehicle_id, absl::Time from, absl::Time to) override;
  absl::StatusOr<std::vector<Fix>> FixesSince(absl::Time from) override;
  absl::StatusOr<int64_t> Version(const std::string& name) override;
  absl::StatusOr<Log<Fix>> FixesAfter(int64_t version) override;
  absl::StatusOr<Log<StoredSubscription>> SubscriptionsAfter(int64_t version) override;
  absl::StatusOr<std::vector<StoredSubscription>> Subscriptions() override;
  absl::StatusOr<std::vector<v1::Subscription>> SubscriptionsOf(const std::string& subject) override;
  absl::StatusOr<int64_t> PruneFixes(absl::Time before) override;
  absl::StatusOr<std::string> StreamCheckpoint(const std::string& group) override;
  absl::StatusOr<std::string> TrackerKey(const std::string& vehicle_id) override;

 private:
  explicit SqlWasteStore(sql::Database& db) : db_(db) {}
  sql::Database& db_;
};

}  // namespace laso::waste
