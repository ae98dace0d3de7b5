#include "common/personal/request_desk.h"

#include "common/log/log.h"
#include "common/outbox/checkpoint.h"

namespace laso::personal {

absl::Status RequestDesk::Handle(const std::vector<outbox::StreamEvent>& events) {
  for (const outbox::StreamEvent& event : events) {
    if (event.type != kRequestedEvent) continue;
    auto request = ParseRequest(event.payload, events_vault_);
    if (!request.ok()) {
      // Reading it again would not mend it: say so and go on.
      log::Error("a privacy request does not parse; it is not answered",
                 {{"event", event.id}, {"error", std::string(request.status().message())}});
      continue;
    }
    if (auto s = Answer(*request); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status RequestDesk::Answer(const Request& request) {
  auto body = request.kind == Kind::kExport ? holder_.Export(request.person) : holder_.Erase(request.person);
  if (!body.ok()) return body.status();
  outbox::Event answer = AnswerEvent({request.id, request.kind, service_, *std::move(body)}, events_vault_, *clock_);
  auto s = db_.Write([&](sql::Session& session) -> absl::Status {
    if (request.kind == Kind::kErase) {
      // The events the service keeps name them too.
      if (auto scrubbed = outbox::ScrubSubject(session, request.person.subject); !scrubbed.ok()) return scrubbed.status();
    }
    return outbox::Append(session, answer);
  });
  if (!s.ok()) return s;
  if (request.kind == Kind::kErase) {
    if (auto f = db_.ForgetFreedBytes(); !f.ok()) {
      log::Warn("the database's freed pages were not all overwritten yet", {{"error", std::string(f.message())}});
    }
  }
  log::Info(request.kind == Kind::kExport ? "personal data exported for a privacy request"
                                          : "personal data erased for a privacy request",
            {{"request", request.id}});
  return absl::OkStatus();
}

absl::Status RequestSink::Accept(const std::vector<outbox::StreamEvent>& events) {
  if (auto s = desk_.Handle(events); !s.ok()) return s;
  return db_.Write([&](sql::Session& session) { return outbox::AdvanceCheckpoint(session, group_, events); });
}

absl::StatusOr<std::string> RequestSink::Checkpoint() { return outbox::ReadCheckpoint(db_, group_); }

}  // namespace laso::personal
