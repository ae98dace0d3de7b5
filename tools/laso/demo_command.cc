#include "tools/laso/demo_command.h"

#include <cstdio>

#include <toml++/toml.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/status/macros.h"
#include "common/time/calendar_file.h"
#include "common/time/rfc3339.h"
#include "services/dossier/timeline.h"
#include "tools/laso/bills_demo.h"
#include "tools/laso/dossier_sync.h"
#include "tools/laso/feedback_demo.h"
#include "tools/laso/report.h"

namespace laso::cli {
namespace {

namespace dv1 = laso::dossier::v1;

struct Catalog {
  std::map<std::string, std::string> agencies;  // code -> name
  struct Procedure {
    std::string code, name, field, agency;
    int days;
  };
  std::vector<Procedure> procedures;
  std::vector<std::array<std::string, 3>> applicants;  // name, phone, id
};

absl::StatusOr<Catalog> LoadCatalog(const std::string& path) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", std::string(e.description())));
  }
  Catalog c;
  auto text = [](const toml::table& t, const char* key) { return t[key].value_or(std::string()); };
  if (auto* a = doc["agencies"].as_array()) {
    for (auto& n : *a) c.agencies[text(*n.as_table(), "code")] = text(*n.as_table(), "name");
  }
  if (auto* p = doc["procedures"].as_array()) {
    for (auto& n : *p) {
      const toml::table& t = *n.as_table();
      c.procedures.push_back({text(t, "code"), text(t, "name"), text(t, "field"), text(t, "agency"),
                              static_cast<int>(t["days"].value_or(int64_t{5}))});
    }
  }
  if (auto* a = doc["applicants"].as_array()) {
    for (auto& n : *a) {
      const toml::table& t = *n.as_table();
      c.applicants.push_back({text(t, "name"), text(t, "phone"), text(t, "id_number")});
    }
  }
  if (c.procedures.empty() || c.applicants.empty()) return absl::InvalidArgumentError(absl::StrCat(path, ": empty catalog"));
  return c;
}

// A time on a working day `back` working days before today, during office hours.
absl::Time WorkingTime(const WorkingDayCalendar& cal, absl::CivilDay today, int back, int minute_of_day) {
  absl::CivilDay day = cal.AddWorkingDays(cal.NextWorkingDayOnOrAfter(today), -back);
  return VietnamStartOfDay(day) + absl::Minutes(minute_of_day);
}

dv1::DossierRecord Build(const Catalog& c, const WorkingDayCalendar& cal, absl::Time now, int i) {
  const auto& p = c.procedures[i % c.procedures.size()];
  const auto& who = c.applicants[i % c.applicants.size()];
  absl::CivilDay today = VietnamDay(now);
  int scenario = i % 8;
  int back = scenario == 4 ? p.days + 4 : (scenario == 0 ? 0 : 1 + i % std::max(1, p.days));
  absl::Time received = WorkingTime(cal, today, back, 8 * 60 + (i * 37) % 420);
  if (received > now) received = now - absl::Hours(1);
  dv1::DossierRecord r;
  r.set_channel(i % 3 == 0 ? dv1::COUNTER : dv1::ONLINE);
  // Online dossiers are registered the evening before the counter receives them.
  absl::Time registered = r.channel() == dv1::ONLINE ? received - absl::Hours(14) : received;
  std::string ymd = FormatIsoDate(VietnamDay(registered));
  r.set_code(absl::StrFormat("%s-%s%s%s-%04d", p.agency, ymd.substr(2, 2), ymd.substr(5, 2), ymd.substr(8, 2), 100 + i));
  r.mutable_procedure()->set_code(p.code);
  r.mutable_procedure()->set_name(p.name);
  r.mutable_procedure()->set_field(p.field);
  r.mutable_procedure()->set_processing_days(p.days);
  r.mutable_receiving_agency()->set_code(p.agency);
  r.mutable_receiving_agency()->set_name(c.agencies.count(p.agency) ? c.agencies.at(p.agency) : p.agency);
  *r.mutable_handling_agency() = r.receiving_agency();
  r.mutable_applicant()->set_name(who[0]);
  r.mutable_applicant()->set_phone(who[1]);
  r.mutable_applicant()->set_id_number(who[2]);
  dv1::Fee* fee = r.add_fees();
  fee->set_name("Lệ phí giải quyết thủ tục");
  fee->set_amount_vnd(p.days >= 10 ? 100000 : 20000);
  fee->set_paid(scenario != 2);
  int n = 0;
  auto add = [&](dv1::Status s, absl::Time t, const std::string& note) {
    if (t > now) return;
    dv1::DossierEvent* e = r.add_events();
    e->set_event_id(absl::StrCat(r.code(), "-", ++n));
    e->set_status(s);
    dossier::SetTimestamp(t, e->mutable_time());
    e->set_note(note);
  };
  if (r.channel() == dv1::ONLINE) add(dv1::REGISTERED, registered, "Nộp trực tuyến trên Cổng dịch vụ công");
  if (scenario == 0) return r;  // registered last night, not yet received
  add(dv1::RECEIVED, received, "Tiếp nhận hồ sơ hợp lệ");
  add(dv1::PROCESSING, received + absl::Hours(2), "Chuyển bộ phận chuyên môn xử lý");
  switch (scenario) {
    case 2:
      add(dv1::SUPPLEMENT_REQUESTED, received + absl::Hours(22), "Bổ sung bản sao giấy chứng nhận quyền sử dụng đất");
      break;
    case 3:
      add(dv1::PROCESSED, received + absl::Hours(26), "Đã có kết quả");
      add(dv1::RESULT_RETURNED, received + absl::Hours(29), "Trả kết quả tại Bộ phận Một cửa");
      break;
    case 5: {
      absl::Time apology = received + absl::Hours(24);
      dv1::DossierEvent* e = r.add_events();
      e->set_event_id(absl::StrCat(r.code(), "-", ++n));
      dossier::SetTimestamp(std::min(apology, now), e->mutable_time());
      dossier::SetTimestamp(std::min(apology, now) + absl::Hours(24 * 7), e->mutable_apology_new_due_at());
      e->set_note("Cần xác minh thực địa; xin lỗi và hẹn lại ngày trả kết quả");
      break;
    }
    case 6:
      add(dv1::WITHDRAWN, received + absl::Hours(20), "Người nộp đề nghị rút hồ sơ");
      break;
    case 7:
      add(dv1::FINANCIAL_OBLIGATION, received + absl::Hours(20), "Nộp lệ phí trước bạ");
      add(dv1::PROCESSING, received + absl::Hours(44), "Đã nhận chứng từ nộp thuế");
      break;
    default:
      break;
  }
  return r;
}

absl::StatusOr<std::vector<dv1::DossierRecord>> BuildDemo(const std::string& catalog_path, int count, int argc,
                                                          char** argv) {
  auto config = LoadCliConfig(argc, argv);
  if (!config.ok()) return config.status();
  auto catalog = LoadCatalog(catalog_path);
  if (!catalog.ok()) return catalog.status();
  WorkingDayCalendar calendar;
  LASO_RETURN_IF_ERROR(LoadCalendarDir(config->String("calendar.dir"), config->String("calendar.country"), &calendar));
  absl::Time now = absl::Now();
  std::vector<dv1::DossierRecord> records;
  for (int i = 0; i < count; ++i) records.push_back(Build(*catalog, calendar, now, i));
  return records;
}

}  // namespace

int DemoCommand(const std::vector<std::string>& args, int argc, char** argv) {
  int count = 64;
  std::string catalog_path = "deploy/demo/dossier_catalog.toml";
  if (!args.empty() && args[0] == "bills") {
    int64_t n = 200;
    std::string out_path;
    for (size_t i = 1; i + 1 < args.size() + 1; i += 2) {
      bool ok = i + 1 < args.size() &&
                ((args[i] == "--count" && absl::SimpleAtoi(args[i + 1], &n) && n >= 1 && n <= 10000000) ||
                 (args[i] == "--out" && !(out_path = args[i + 1]).empty()));
      if (!ok) {
        std::fputs("usage: laso demo bills [--count N] [--out FILE]\n", stderr);
        return 2;
      }
    }
    // The tariffs the billing service applies (billing.providers_file), so the totals pass its check.
    auto config = LoadCliConfig(argc, argv);
    if (!config.ok()) return ReportFailure(config.status());
    const std::string providers = config->String("billing.providers_file");
    if (!out_path.empty()) {  // write the file only (benchmarks)
      std::FILE* f = std::fopen(out_path.c_str(), "w");
      auto s = f ? WriteDemoBills(providers, n, f) : absl::InternalError("cannot write");
      if (f) std::fclose(f);
      return s.ok() ? 0 : ReportFailure(s);
    }
    auto client = ConnectFromFlags("billing", argc, argv);
    if (!client.ok()) return ReportFailure(client.status());
    auto line = DemoBills(**client, providers, n);
    if (!line.ok()) return ReportFailure(line.status());
    std::printf("%s\n", line->c_str());
    return 0;
  }
  if (!args.empty() && args[0] == "feedback") {
    auto client = ConnectFromFlags("feedback", argc, argv);
    if (!client.ok()) return ReportFailure(client.status());
    auto line = DemoFeedback(**client, args.size() == 3 && args[1] == "--catalog" ? args[2]
                                                                                  : "deploy/demo/feedback_catalog.json");
    if (!line.ok()) return ReportFailure(line.status());
    std::printf("%s\n", line->c_str());
    return 0;
  }
  if (args.empty() || args[0] != "dossiers") {
    std::fputs("usage: laso demo dossiers [--count N] [--catalog FILE]\n", stderr);
    return 2;
  }
  for (size_t i = 1; i + 1 < args.size(); i += 2) {
    if (args[i] == "--count" && absl::SimpleAtoi(args[i + 1], &count) && count > 0 && count <= 100000) continue;
    if (args[i] == "--catalog") {
      catalog_path = args[i + 1];
      continue;
    }
    std::fputs("usage: laso demo dossiers [--count N] [--catalog FILE]\n", stderr);
    return 2;
  }
  auto records = BuildDemo(catalog_path, count, argc, argv);
  auto client = records.ok() ? ConnectFromFlags("dossier", argc, argv)
                             : absl::StatusOr<std::unique_ptr<ServiceClient>>(records.status());
  if (!client.ok()) return ReportFailure(client.status());
  SyncTotals totals;
  if (auto s = SyncDossiers(**client, *records, &totals); !s.ok()) return ReportFailure(s);
  const dv1::DossierRecord& sample = (*records)[std::min<size_t>(1, records->size() - 1)];
  std::printf("demo: %lld dossiers (%lld new events); try %s with verifier %s\n",
              static_cast<long long>(totals.dossiers), static_cast<long long>(totals.events), sample.code().c_str(),
              sample.applicant().phone().c_str());
  return totals.rejected > 0 ? 3 : 0;
}

}  // namespace laso::cli
