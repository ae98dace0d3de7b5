#include "services/billing/account_data.h"

namespace laso::billing {

absl::StatusOr<nlohmann::json> AccountData::Export(const personal::Person& person) {
  const rpc::Caller as_them = personal::AsResident(person);
  auto accounts = bills_.Accounts(as_them);
  if (!accounts.ok()) return accounts.status();
  auto bills = bills_.MyBills(as_them, {});
  if (!bills.ok()) return bills.status();
  return nlohmann::json{{"linkedAccounts", personal::JsonOf(*accounts)["accounts"]},
                        {"bills", personal::JsonOf(*bills)["bills"]}};
}

absl::StatusOr<nlohmann::json> AccountData::Erase(const personal::Person& person) {
  auto accounts = store_.Accounts(person.subject);
  if (!accounts.ok()) return accounts.status();
  int64_t unlinked = 0, retries = 0;
  auto s = store_.Write([&](BillingStore::Tx& tx) -> absl::Status {
    unlinked = 0;
    for (const LinkedAccount& a : *accounts) {
      auto done = tx.DeleteAccount(person.subject, a.account.provider(), a.account.customer_code());
      if (!done.ok()) return done.status();
      unlinked += *done ? 1 : 0;
    }
    auto forgotten = tx.Idempotency().Forget(person.subject);
    if (!forgotten.ok()) return forgotten.status();
    retries = *forgotten;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return nlohmann::json{{"accountsUnlinked", unlinked}, {"retriesForgotten", retries}};
}

}  // namespace laso::billing
