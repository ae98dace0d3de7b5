#pragma once

#include "common/personal/personal_data.h"
#include "services/billing/billing_store.h"
#include "services/billing/bills.h"

namespace laso::billing {

// What the billing service keeps about a resident: the utility accounts they
// linked (and, for the export, the bills they see through them). The bills
// themselves are the utilities' records and stay; erasure removes the links
// and the remembered retries.
class AccountData : public personal::Holder {
 public:
  AccountData(Bills& bills, BillingStore& store) : bills_(bills), store_(store) {}

  absl::StatusOr<nlohmann::json> Export(const personal::Person& person) override;
  absl::StatusOr<nlohmann::json> Erase(const personal::Person& person) override;

 private:
  Bills& bills_;
  BillingStore& store_;
};

}  // namespace laso::billing
