#include "common/testing/outbox_rows.h"

#include "absl/strings/str_cat.h"

namespace laso::testing {

namespace {

std::vector<nlohmann::json> Rows(sql::Database& db, bool audit) {
  std::vector<nlohmann::json> out;
  (void)db.Read([&](sql::Session& session) {
    return session.ForEach("SELECT type, payload FROM outbox ORDER BY seq", [&](const sql::Row& row) {
      if ((row.Text(0) == "audit.recorded") != audit) return absl::OkStatus();
      out.push_back({{"type", row.Text(0)}, {"payload", nlohmann::json::parse(row.Text(1), nullptr, false)}});
      return absl::OkStatus();
    });
  });
  return out;
}

}  // namespace

std::vector<nlohmann::json> OutboxRows(sql::Database& db) { return Rows(db, false); }

std::vector<nlohmann::json> AuditRows(sql::Database& db) {
  std::vector<nlohmann::json> out;
  for (nlohmann::json& row : Rows(db, true)) out.push_back(std::move(row["payload"]));
  return out;
}

std::vector<outbox::StreamEvent> OutboxAsStream(sql::Database& db, const std::string& source, int* stream_seq) {
  std::vector<outbox::StreamEvent> out;
  (void)db.Read([&](sql::Session& session) {
    return session.ForEach("SELECT event_id, type, subject, occurred_at, payload FROM outbox ORDER BY seq",
                           [&](const sql::Row& row) {
                             out.push_back({absl::StrCat(++*stream_seq, "-0"), row.Text(0), row.Text(1), row.Text(2),
                                            row.Text(3), source, row.Text(4)});
                             return absl::OkStatus();
                           });
  });
  return out;
}

}  // namespace laso::testing
