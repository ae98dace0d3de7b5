#include "common/testing/outbox_rows.h"

namespace laso::testing {

std::vector<nlohmann::json> OutboxRows(sql::Database& db) {
  std::vector<nlohmann::json> out;
  (void)db.Read([&](sql::Session& session) {
    return session.ForEach("SELECT type, payload FROM outbox ORDER BY seq", [&](const sql::Row& row) {
      out.push_back({{"type", row.Text(0)}, {"payload", nlohmann::json::parse(row.Text(1), nullptr, false)}});
      return absl::OkStatus();
    });
  });
  return out;
}

}  // namespace laso::testing
