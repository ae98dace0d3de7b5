#include "tools/laso/audit_command.h"

#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "common/config/config.h"
#include "common/sql/open_database.h"
#include "common/time/rfc3339.h"
#include "services/laso_schema.h"
#include "services/privacy/audit_book.h"
#include "services/privacy/audit_store.h"
#include "tools/laso/report.h"

namespace laso::cli {
namespace {

using nlohmann::json;

constexpr int kExportPage = 1000;

int Usage() {
  std::fputs("usage: laso audit verify                     check the audit log's hash chain\n"
             "       laso audit export --from T --to T     records and people touched in a window (JSON)\n"
             "T is an RFC 3339 time (2026-12-01T08:00:00+07:00) or a date (2026-12-01: to the end of it).\n",
             stderr);
  return 2;
}

int Verify(sql::Database& db) {
  auto check = privacy::VerifyAuditChain(db);
  if (!check.ok()) return ReportFailure(check.status());
  if (check->broken_seq) {
    std::printf("audit log BROKEN at entry %lld (event %s): %s\n%lld entries before it verified\n",
                static_cast<long long>(*check->broken_seq), check->broken_event_id.c_str(), check->problem.c_str(),
                static_cast<long long>(check->entries));
    return 1;
  }
  std::printf("audit log verified: %lld entries, head %s\n", static_cast<long long>(check->entries),
              check->head.c_str());
  return 0;
}

struct Touched {
  std::set<std::string> fields, agencies, people;
  int reads = 0, acts = 0;
};

int Export(sql::Database& db, const std::string& from_text, const std::string& to_text) {
  privacy::AuditFilter filter;
  auto from = privacy::ParseWindowEdge("from", from_text, false);
  auto to = privacy::ParseWindowEdge("to", to_text, true);
  if (!from.ok()) return ReportFailure(from.status());
  if (!to.ok()) return ReportFailure(to.status());
  filter.from = *from;
  filter.to = *to;
  filter.limit = kExportPage;
  std::map<std::string, Touched> records;
  std::set<std::string> people;
  int64_t entries = 0;
  while (true) {
    auto page = privacy::FindAudit(db, filter);
    if (!page.ok()) return ReportFailure(page.status());
    for (const privacy::AuditRow& row : *page) {
      const audit::Recorded& r = row.recorded;
      Touched& t = records[r.entry.record];
      t.fields.insert(r.entry.fields.begin(), r.entry.fields.end());
      t.agencies.insert(r.agency.empty() ? (r.actor_role == rpc::RoleName(rpc::Role::OPERATOR) ? "1022" : "admin") : r.agency);
      if (!r.entry.person.empty()) {
        t.people.insert(r.entry.person);
        people.insert(r.entry.person);
      }
      (r.entry.action == "read" ? t.reads : t.acts) += 1;
      ++entries;
      filter.before_seq = row.seq;
    }
    if (page->size() < static_cast<size_t>(kExportPage)) break;
  }
  json out = {{"from", from_text}, {"to", to_text}, {"entries", entries}, {"records", json::array()}};
  int64_t read_records = 0;
  for (const auto& [record, t] : records) {
    if (t.reads > 0) ++read_records;
    out["records"].push_back({{"record", record},
                              {"fields", t.fields},
                              {"reads", t.reads},
                              {"acts", t.acts},
                              {"agencies", t.agencies},
                              {"people", t.people.size()}});
  }
  // People are counted by their key in the log: residents who signed in with
  // Zalo. A hotline caller's report is counted in recordsWithPersonalFieldsRead.
  out["people"] = people.size();
  out["recordsWithPersonalFieldsRead"] = read_records;
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

}  // namespace

int AuditCommand(const std::vector<std::string>& args, int argc, char** argv) {
  if (args.empty()) return Usage();
  std::string from, to;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--from" && i + 1 < args.size()) from = args[++i];
    else if (args[i] == "--to" && i + 1 < args.size()) to = args[++i];
    else return Usage();
  }
  auto c = config::Load(LasoSchema(), config::ProcessSources(argc, argv));
  if (!c.ok()) return ReportFailure(c.status());
  auto db = sql::OpenDatabase(*c, "privacy.database", "laso-audit");
  if (!db.ok()) return ReportFailure(db.status());
  if (args[0] == "verify" && args.size() == 1) return Verify(**db);
  if (args[0] == "export" && !from.empty() && !to.empty()) return Export(**db, from, to);
  return Usage();
}

}  // namespace laso::cli
