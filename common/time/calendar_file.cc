#include "common/time/calendar_file.h"

#include <filesystem>
#include <regex>

#include <toml++/toml.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/time/time_of_day.h"

namespace laso {
namespace {

absl::Status FileError(const std::string& path, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("calendar file ", path, ": ", what));
}

absl::Status ParseFile(const std::string& path, toml::table* doc) {
  try {
    *doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return FileError(path, absl::StrCat(std::string(e.description()), " at line ", e.source().begin.line));
  }
  return absl::OkStatus();
}

bool ToCivilDay(const toml::node_view<const toml::node>& node, absl::CivilDay* out) {
  auto date = node.value<toml::date>();
  if (!date) return false;
  *out = absl::CivilDay(date->year, date->month, date->day);
  return true;
}

bool ParseWeekday(const std::string& name, absl::Weekday* out) {
  static const std::pair<const char*, absl::Weekday> kDays[] = {
      {"monday", absl::Weekday::monday},     {"tuesday", absl::Weekday::tuesday},
      {"wednesday", absl::Weekday::wednesday}, {"thursday", absl::Weekday::thursday},
      {"friday", absl::Weekday::friday},     {"saturday", absl::Weekday::saturday},
      {"sunday", absl::Weekday::sunday}};
  std::string lower = absl::AsciiStrToLower(name);
  for (const auto& [n, d] : kDays) {
    if (lower == n) {
      *out = d;
      return true;
    }
  }
  return false;
}

}  // namespace

absl::Status LoadCalendarFile(const std::string& path, WorkingDayCalendar* calendar) {
  toml::table doc;
  if (auto s = ParseFile(path, &doc); !s.ok()) return s;
  auto year = doc["year"].value<int64_t>();
  if (!year) return FileError(path, "missing integer 'year'");

  if (auto* weekend = doc["weekend"].as_array()) {
    std::set<absl::Weekday> days;
    for (const auto& item : *weekend) {
      absl::Weekday day;
      auto name = item.value<std::string>();
      if (!name || !ParseWeekday(*name, &day)) return FileError(path, "bad day in 'weekend'");
      days.insert(day);
    }
    calendar->SetWeekend(std::move(days));
  }

  if (auto* holidays = doc["holidays"].as_array()) {
    for (const auto& item : *holidays) {
      const toml::table* h = item.as_table();
      if (h == nullptr) return FileError(path, "'holidays' entries must be tables");
      toml::node_view<const toml::node> entry(h);
      std::string name = entry["name"].value_or(std::string());
      absl::CivilDay from, to;
      if (name.empty() || !ToCivilDay(entry["from"], &from)) {
        return FileError(path, "each holiday needs 'name' and a date 'from'");
      }
      if (!entry["to"]) to = from;
      else if (!ToCivilDay(entry["to"], &to) || to < from) return FileError(path, absl::StrCat("bad 'to' for ", name));
      if (from.year() != *year || to.year() != *year) {
        return FileError(path, absl::StrCat("holiday ", name, " is outside year ", *year));
      }
      for (absl::CivilDay d = from; d <= to; ++d) calendar->AddHoliday(d, name);
    }
  }

  if (auto* workdays = doc["workdays"].as_array()) {
    for (const auto& item : *workdays) {
      const toml::table* w = item.as_table();
      if (w == nullptr) return FileError(path, "'workdays' entries must be tables");
      toml::node_view<const toml::node> entry(w);
      absl::CivilDay day;
      if (!ToCivilDay(entry["date"], &day)) return FileError(path, "each workday needs a date 'date'");
      if (day.year() != *year) return FileError(path, "workday outside the file's year");
      calendar->AddMakeUpWorkday(day, entry["name"].value_or(std::string("Làm bù")));
    }
  }
  calendar->MarkYearLoaded(static_cast<int>(*year));
  return absl::OkStatus();
}

absl::Status LoadOfficeHoursFile(const std::string& path, WorkingDayCalendar* calendar) {
  toml::table doc;
  if (auto s = ParseFile(path, &doc); !s.ok()) return s;
  const toml::array* periods = doc["periods"].as_array();
  if (periods == nullptr || periods->empty()) return FileError(path, "needs 'periods', e.g. [{ from = \"07:00\", to = \"11:30\" }]");
  std::vector<OfficePeriod> out;
  for (const auto& item : *periods) {
    const toml::table* p = item.as_table();
    if (p == nullptr) return FileError(path, "'periods' entries must be tables with 'from' and 'to'");
    toml::node_view<const toml::node> entry(p);
    auto from = ParseTimeOfDay("from", entry["from"].value_or(std::string()));
    auto to = ParseTimeOfDay("to", entry["to"].value_or(std::string()));
    if (!from.ok() || !to.ok()) return FileError(path, "each period needs 'from' and 'to' like \"07:00\"");
    if (*to <= *from || (!out.empty() && *from < out.back().to)) {
      return FileError(path, "periods must be in order, each ending after it begins, without overlap");
    }
    out.push_back({*from, *to});
  }
  calendar->SetOfficeHours(std::move(out));
  return absl::OkStatus();
}

absl::Status LoadCalendarDir(const std::string& dir, const std::string& country,
                             WorkingDayCalendar* calendar) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return absl::NotFoundError(absl::StrCat("calendar directory ", dir, ": ", ec.message()));
  std::regex name_re(absl::StrCat(absl::AsciiStrToLower(country), "-[0-9]{4}\\.toml"));
  std::vector<std::string> files;
  for (const auto& entry : it) {
    if (std::regex_match(entry.path().filename().string(), name_re)) files.push_back(entry.path().string());
  }
  if (files.empty()) return absl::NotFoundError(absl::StrCat("no ", country, "-YYYY.toml in ", dir));
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    if (auto s = LoadCalendarFile(file, calendar); !s.ok()) return s;
  }
  std::string hours = absl::StrCat(dir, "/", absl::AsciiStrToLower(country), "-office-hours.toml");
  if (std::filesystem::exists(hours, ec)) return LoadOfficeHoursFile(hours, calendar);
  return absl::OkStatus();
}

}  // namespace laso
