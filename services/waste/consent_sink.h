#pragma once

#include "common/outbox/stream_consumer.h"
#include "common/personal/request_desk.h"
#include "services/waste/waste_collection.h"
#include "services/waste/waste_store.h"

namespace laso::waste {

// The event stream as waste reads it (consumer group "waste"): the privacy
// service's consent changes, so that withdrawing consent to use the location
// cancels a resident's collection reminders within seconds, and its export
// and erasure requests, answered by `requests`.
class ConsentSink : public outbox::EventSink {
 public:
  static constexpr char kGroup[] = "waste";

  ConsentSink(WasteCollection& waste, WasteStore& store, personal::RequestDesk& requests)
      : waste_(waste), store_(store), requests_(requests) {}
  absl::Status Accept(const std::vector<outbox::StreamEvent>& events) override {
    if (auto s = requests_.Handle(events); !s.ok()) return s;
    return waste_.TakeConsentEvents(kGroup, events).status();
  }
  absl::StatusOr<std::string> Checkpoint() override { return store_.StreamCheckpoint(kGroup); }

 private:
  WasteCollection& waste_;
  WasteStore& store_;
  personal::RequestDesk& requests_;
};

}  // namespace laso::waste
