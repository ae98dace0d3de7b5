#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "common/sql/database.h"

namespace laso::testing {

// The outbox rows of a service's database, oldest first, as
// {"type": ..., "payload": <the event's JSON>}: what a test asserts was emitted.
std::vector<nlohmann::json> OutboxRows(sql::Database& db);

}  // namespace laso::testing
