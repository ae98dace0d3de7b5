#include "tools/laso/import_command.h"

#include <cstdio>
#include <fstream>

#include <google/protobuf/util/json_util.h>

#include "absl/strings/strip.h"
#include "tools/laso/bills_demo.h"
#include "tools/laso/dossier_sync.h"
#include "tools/laso/feedback_demo.h"
#include "tools/laso/report.h"
#include "tools/laso/waste_commands.h"

namespace laso::cli {

namespace dv1 = laso::dossier::v1;

int ImportCommand(const std::vector<std::string>& args, int argc, char** argv) {
  if (args.size() == 2 && args[0] == "feedback-catalog") {
    auto client = ConnectFromFlags("feedback", argc, argv);
    if (!client.ok()) return ReportFailure(client.status());
    if (auto s = ImportFeedbackCatalog(**client, args[1]); !s.ok()) return ReportFailure(s);
    std::printf("feedback catalogue loaded from %s\n", args[1].c_str());
    return 0;
  }
  if (args.size() >= 2 && args[0] == "routes") {
    auto client = ConnectFromFlags("waste", argc, argv);
    if (!client.ok()) return ReportFailure(client.status());
    auto s = ImportRoutes(**client, std::vector<std::string>(args.begin() + 1, args.end()));
    return s.ok() ? 0 : ReportFailure(s);
  }
  if (args.size() == 2 && args[0] == "bills") {
    auto client = ConnectFromFlags("billing", argc, argv);
    if (!client.ok()) return ReportFailure(client.status());
    auto s = ImportBills(**client, args[1]);
    if (s.code() == absl::StatusCode::kInvalidArgument) return 3;  // rows rejected: listed on stderr
    return s.ok() ? 0 : ReportFailure(s);
  }
  if (args.size() != 2 || args[0] != "dossiers") {
    std::fputs("usage: laso import dossiers FILE.jsonl | feedback-catalog FILE.json | bills FILE | routes FILE.geojson...\n", stderr);
    return 2;
  }
  std::ifstream in(args[1]);
  if (!in) {
    std::fprintf(stderr, "laso: cannot read %s\n", args[1].c_str());
    return 1;
  }
  std::vector<dv1::DossierRecord> records;
  std::string line;
  int line_no = 0, bad_lines = 0;
  while (std::getline(in, line)) {
    ++line_no;
    absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty()) continue;
    dv1::DossierRecord record;
    auto status = google::protobuf::util::JsonStringToMessage(std::string(trimmed), &record);
    if (!status.ok()) {
      if (bad_lines++ < 20) std::fprintf(stderr, "line %d: %s\n", line_no, status.ToString().c_str());
      continue;
    }
    records.push_back(std::move(record));
  }
  auto client = ConnectFromFlags("dossier", argc, argv);
  if (!client.ok()) return ReportFailure(client.status());
  SyncTotals totals;
  if (auto s = SyncDossiers(**client, records, &totals); !s.ok()) return ReportFailure(s);
  std::printf("%lld dossiers, %lld new events, %lld seen before, %lld rejected, %d bad lines\n",
              static_cast<long long>(totals.dossiers), static_cast<long long>(totals.events),
              static_cast<long long>(totals.duplicates), static_cast<long long>(totals.rejected), bad_lines);
  return totals.rejected > 0 || bad_lines > 0 ? 3 : 0;
}

}  // namespace laso::cli
