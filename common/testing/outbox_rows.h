#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "common/outbox/stream_consumer.h"
#include "common/sql/database.h"

namespace laso::testing {

// The outbox rows of a service's database, oldest first, as
// {"type": ..., "payload": <the event's JSON>}: what a test asserts was emitted.
// Audit events (audit.recorded, of staff acts) are left out: AuditRows has them.
std::vector<nlohmann::json> OutboxRows(sql::Database& db);
// The payloads of the audit events in the outbox, oldest first.
std::vector<nlohmann::json> AuditRows(sql::Database& db);

// The same rows as the stream would carry them from service `source`, with
// stream ids "<*stream_seq + 1>-0", ... (the counter moves on, so the events
// of several databases read as one stream).
std::vector<outbox::StreamEvent> OutboxAsStream(sql::Database& db, const std::string& source, int* stream_seq);

}  // namespace laso::testing
