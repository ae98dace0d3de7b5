#include "services/privacy/privacy_sink.h"

#include "common/outbox/checkpoint.h"

namespace laso::privacy {

absl::Status PrivacySink::Accept(const std::vector<outbox::StreamEvent>& events) {
  return db_.Write([&](sql::Session& session) -> absl::Status {
    if (auto taken = audit_.Take(session, events); !taken.ok()) return taken.status();
    if (auto answered = requests_.Take(session, events); !answered.ok()) return answered.status();
    return outbox::AdvanceCheckpoint(session, kGroup, events);
  });
}

absl::StatusOr<std::string> PrivacySink::Checkpoint() { return outbox::ReadCheckpoint(db_, kGroup); }

}  // namespace laso::privacy
