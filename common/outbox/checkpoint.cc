#include "common/outbox/checkpoint.h"

#include "common/sql/rows.h"

namespace laso::outbox {

absl::StatusOr<std::string> ReadCheckpoint(sql::Session& session, absl::string_view group) {
  auto ids = sql::Collect<std::string>(
      session, "SELECT last_id FROM stream_checkpoints WHERE consumer_group = $1",
      [](const sql::Row& r) { return r.Text(0); }, std::string(group));
  if (!ids.ok()) return ids.status();
  return ids->empty() ? std::string() : ids->front();
}

absl::StatusOr<std::string> ReadCheckpoint(sql::Database& db, absl::string_view group) {
  return sql::ReadValue<std::string>(db, [&](sql::Session& session) { return ReadCheckpoint(session, group); });
}

absl::Status AdvanceCheckpoint(sql::Session& session, absl::string_view group, const std::vector<StreamEvent>& events) {
  std::string newest = NewestStreamId(events);
  if (newest.empty()) return absl::OkStatus();
  auto previous = ReadCheckpoint(session, group);
  if (!previous.ok()) return previous.status();
  if (!previous->empty() && !StreamIdBefore(*previous, newest)) return absl::OkStatus();
  return session
      .Execute("INSERT INTO stream_checkpoints (consumer_group, last_id) VALUES ($1, $2)"
               " ON CONFLICT(consumer_group) DO UPDATE SET last_id = $2",
               std::string(group), newest)
      .status();
}

}  // namespace laso::outbox
