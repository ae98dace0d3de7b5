#include "services/waste/subscriber_data.h"

namespace laso::waste {

absl::StatusOr<nlohmann::json> SubscriberData::Export(const personal::Person& person) {
  auto mine = waste_.ListMySubscriptions(personal::AsResident(person));
  if (!mine.ok()) return mine.status();
  nlohmann::json subscriptions = personal::JsonOf(*mine)["subscriptions"];
  return nlohmann::json{{"subscriptions", subscriptions.is_null() ? nlohmann::json::array() : subscriptions}};
}

absl::StatusOr<nlohmann::json> SubscriberData::Erase(const personal::Person& person) {
  int unnamed = 0;
  int64_t retries = 0;
  auto s = store_.Write([&](WasteStore::Tx& tx) -> absl::Status {
    auto n = tx.ForgetSubscriber(person.subject);
    if (!n.ok()) return n.status();
    unnamed = *n;
    auto forgotten = tx.Idempotency().Forget(person.subject);
    if (!forgotten.ok()) return forgotten.status();
    retries = *forgotten;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (auto c = waste_.CatchUp(); !c.ok()) return c;  // this replica stops watching them at once
  return nlohmann::json{{"subscriptionsForgotten", unnamed}, {"retriesForgotten", retries}};
}

}  // namespace laso::waste
