#pragma once

#include "common/personal/personal_data.h"
#include "services/waste/waste_collection.h"
#include "services/waste/waste_store.h"

namespace laso::waste {

// What the waste service keeps about a resident: their collection reminders
// (the place they gave and the routes). Erasure cancels them and lets go of
// the subject on every one, cancelled before or not.
class SubscriberData : public personal::Holder {
 public:
  SubscriberData(WasteCollection& waste, WasteStore& store) : waste_(waste), store_(store) {}

  absl::StatusOr<nlohmann::json> Export(const personal::Person& person) override;
  absl::StatusOr<nlohmann::json> Erase(const personal::Person& person) override;

 private:
  WasteCollection& waste_;
  WasteStore& store_;
};

}  // namespace laso::waste
