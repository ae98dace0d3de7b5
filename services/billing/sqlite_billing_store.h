#pragma once

#include <memory>

#include "common/sqlite/pool.h"
#include "services/billing/billing_store.h"

namespace laso::billing {

class SqliteBillingStore final : public BillingStore {
 public:
  static absl::StatusOr<std::unique_ptr<SqliteBillingStore>> Open(sqlite::Pool& pool);

  absl::Status Write(const std::function<absl::Status(Tx&)>& work) override;
  absl::StatusOr<std::optional<StoredBill>> LoadBill(const std::string& id) override;
  absl::StatusOr<std::vector<StoredBill>> AccountBills(const std::string& provider, const std::string& customer,
                                                       int limit) override;
  absl::StatusOr<std::vector<StoredBill>> UnpaidDueBy(const std::string& due_by, int limit) override;
  absl::StatusOr<std::vector<LinkedAccount>> Accounts(const std::string& subject) override;
  absl::StatusOr<std::vector<std::string>> Holders(const std::string& provider, const std::string& customer) override;
  absl::StatusOr<std::vector<v1::Provider>> Providers() override;

 private:
  explicit SqliteBillingStore(sqlite::Pool& pool) : pool_(pool) {}
  sqlite::Pool& pool_;
};

}  // namespace laso::billing
