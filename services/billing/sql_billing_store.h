#pragma once

#include <memory>

#include "common/sql/database.h"
#include "services/billing/billing_store.h"

namespace laso::billing {

// BillingStore on either engine (SQLite or PostgreSQL).
class SqlBillingStore final : public BillingStore {
 public:
  // The data version (common/sql/data_versions.h) bumped by every provider or tariff change.
  static constexpr char kProvidersVersion[] = "billing.providers";
  static absl::StatusOr<std::unique_ptr<SqlBillingStore>> Open(sql::Database& db);

  absl::Status Write(const std::function<absl::Status(Tx&)>& work) override;
  absl::StatusOr<std::optional<StoredBill>> LoadBill(const std::string& id) override;
  absl::StatusOr<std::vector<StoredBill>> AccountBills(const std::string& provider, const std::string& customer,
                                                       int limit) override;
  absl::StatusOr<std::vector<StoredBill>> NeedingNotice(const std::string& today, const std::string& due_by,
                                                        int limit) override;
  absl::StatusOr<std::vector<LinkedAccount>> Accounts(const std::string& subject) override;
  absl::StatusOr<std::vector<std::string>> Holders(const std::string& provider, const std::string& customer) override;
  absl::StatusOr<std::vector<v1::Provider>> Providers() override;

 private:
  explicit SqlBillingStore(sql::Database& db) : db_(db) {}
  sql::Database& db_;
};

}  // namespace laso::billing
