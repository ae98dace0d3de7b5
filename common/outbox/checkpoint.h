#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/outbox/stream_consumer.h"
#include "common/sql/database.h"

// Where a service keeps how far each of its consumer groups read the event
// stream (the outbox component's stream_checkpoints table), written in the
// transaction that acts on the events, so a batch and its checkpoint commit together.
namespace laso::outbox {

// The newest stream id `group` handled, or "".
absl::StatusOr<std::string> ReadCheckpoint(sql::Session& session, absl::string_view group);
absl::StatusOr<std::string> ReadCheckpoint(sql::Database& db, absl::string_view group);
// Moves the checkpoint to the newest id of `events`; never back (a redelivered batch is older).
absl::Status AdvanceCheckpoint(sql::Session& session, absl::string_view group, const std::vector<StreamEvent>& events);

}  // namespace laso::outbox
