#pragma once

#include <string>
#include <vector>

#include "common/outbox/stream_consumer.h"
#include "common/personal/personal_data.h"
#include "common/sql/database.h"

namespace laso::personal {

// A service's answering of the privacy service's requests, as it reads them
// from the stream: the holder does the work (in its own transactions), then
// the answer is appended to the service's outbox. A crash between the two
// leaves the entry unacknowledged, so it is answered again (harmlessly).
class RequestDesk {
 public:
  RequestDesk(std::string service, sql::Database& db, Holder& holder, const crypto::PiiVault& events_vault,
              const Clock* clock)
      : service_(std::move(service)), db_(db), holder_(holder), events_vault_(events_vault), clock_(clock) {}

  // Answers each request of the batch; other events are not its business.
  absl::Status Handle(const std::vector<outbox::StreamEvent>& events);

 private:
  absl::Status Answer(const Request& request);

  const std::string service_;
  sql::Database& db_;
  Holder& holder_;
  const crypto::PiiVault& events_vault_;
  const Clock* clock_;
};

// The stream as read by a service whose only business on it is requests
// (consumer group `group`, its checkpoint in the service's database).
class RequestSink : public outbox::EventSink {
 public:
  RequestSink(RequestDesk& desk, sql::Database& db, std::string group)
      : desk_(desk), db_(db), group_(std::move(group)) {}
  absl::Status Accept(const std::vector<outbox::StreamEvent>& events) override;
  absl::StatusOr<std::string> Checkpoint() override;

 private:
  RequestDesk& desk_;
  sql::Database& db_;
  const std::string group_;
};

}  // namespace laso::personal
