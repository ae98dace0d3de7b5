#include "common/testing/outbox_rows.h"

namespace laso::testing {

std::vector<nlohmann::json> OutboxRows(sqlite::Pool& pool) {
  std::vector<nlohmann::json> out;
  auto reader = pool.Reader();
  if (!reader.ok()) return out;
  auto stmt = (*reader)->Prepare("SELECT type, payload FROM outbox ORDER BY seq");
  if (!stmt.ok()) return out;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row.ok() || !*row) break;
    out.push_back({{"type", (*stmt)->Text(0)}, {"payload", nlohmann::json::parse((*stmt)->Text(1), nullptr, false)}});
  }
  (*stmt)->Reset();
  return out;
}

}  // namespace laso::testing
