#include "services/waste/recurrence.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/status.h"
#include "common/time/rfc3339.h"

namespace laso::waste {
namespace {

constexpr std::pair<const char*, absl::Weekday> kDays[] = {
    {"MO", absl::Weekday::monday}, {"TU", absl::Weekday::tuesday}, {"WE", absl::Weekday::wednesday},
    {"TH", absl::Weekday::thursday}, {"FR", absl::Weekday::friday}, {"SA", absl::Weekday::saturday},
    {"SU", absl::Weekday::sunday}};

constexpr int kCountHorizonDays = 36525;

absl::Status Bad(const std::string& why) { return InvalidField("rrule", absl::StrCat("RRULE không hợp lệ: ", why)); }

// The Monday starting the week that holds `day`.
absl::CivilDay WeekStart(absl::CivilDay day) {
  return absl::PrevWeekday(day + 1, absl::Weekday::monday);
}

}  // namespace

std::string WeekdayCode(absl::Weekday day) {
  for (const auto& [code, d] : kDays) {
    if (d == day) return code;
  }
  return "";
}

// UNTIL as RFC 5545 writes it: a DATE (20260315) or a DATE-TIME (20260315T165959Z).
bool ParseUntil(absl::string_view value, absl::CivilDay* day) {
  auto digits = [](absl::string_view s) { return std::all_of(s.begin(), s.end(), absl::ascii_isdigit); };
  bool date_time = value.size() >= 15 && value[8] == 'T' && digits(value.substr(9, 6)) &&
                   (value.size() == 15 || (value.size() == 16 && value[15] == 'Z'));
  if ((value.size() != 8 && !date_time) || !digits(value.substr(0, 8))) return false;
  return absl::ParseCivilTime(absl::StrCat(value.substr(0, 4), "-", value.substr(4, 2), "-", value.substr(6, 2)), day);
}

absl::StatusOr<RRule> ParseRRule(const std::string& text) {
  // The rule goes into iCalendar feeds as it is: nothing but its own alphabet
  // (no line breaks, spaces or quotes that could start another property).
  for (char c : text) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c) && c != '=' && c != ';' && c != ',') {
      return Bad("chỉ gồm chữ in hoa, chữ số và = ; ,");
    }
  }
  RRule r;
  bool has_freq = false;
  std::set<std::string> seen;
  for (absl::string_view part : absl::StrSplit(text, ';', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(part, absl::MaxSplits('=', 1));
    const std::string& key = kv.first;
    const std::string& value = kv.second;
    if (!seen.insert(key).second) return Bad(absl::StrCat(key, " chỉ được có một lần"));  // RFC 5545 3.3.10
    if (key == "FREQ") {
      has_freq = true;
      if (value == "DAILY") r.freq = RRule::Freq::kDaily;
      else if (value == "WEEKLY") r.freq = RRule::Freq::kWeekly;
      else if (value == "MONTHLY") r.freq = RRule::Freq::kMonthly;
      else return Bad(absl::StrCat("FREQ=", value, " chưa được hỗ trợ"));
    } else if (key == "INTERVAL") {
      if (!absl::SimpleAtoi(value, &r.interval) || r.interval < 1 || r.interval > 52) return Bad("INTERVAL");
    } else if (key == "BYDAY") {
      for (absl::string_view code : absl::StrSplit(value, ',')) {
        bool known = false;
        for (const auto& [c, d] : kDays) {
          if (code == c) {
            r.by_day.insert(d);
            known = true;
          }
        }
        if (!known) return Bad(absl::StrCat("BYDAY ", code));
      }
    } else if (key == "BYMONTHDAY") {
      for (absl::string_view d : absl::StrSplit(value, ',')) {
        int n;
        if (!absl::SimpleAtoi(d, &n) || n < 1 || n > 31) return Bad("BYMONTHDAY");
        r.by_month_day.insert(n);
      }
    } else if (key == "COUNT") {
      int n;
      if (!absl::SimpleAtoi(value, &n) || n < 1) return Bad("COUNT");
      r.count = n;
    } else if (key == "UNTIL") {
      absl::CivilDay day;
      if (!ParseUntil(value, &day)) return Bad("UNTIL");
      r.until = day;
    } else if (key == "WKST") {
      if (value != "MO") return Bad("chỉ hỗ trợ WKST=MO");
    } else {
      return Bad(absl::StrCat(key, " chưa được hỗ trợ"));
    }
  }
  if (!has_freq) return Bad("thiếu FREQ");
  if (r.freq == RRule::Freq::kDaily && (!r.by_day.empty() || !r.by_month_day.empty())) {
    return Bad("FREQ=DAILY không kèm BYDAY/BYMONTHDAY");
  }
  if (r.freq == RRule::Freq::kWeekly && !r.by_month_day.empty()) return Bad("FREQ=WEEKLY không kèm BYMONTHDAY");
  if (r.freq == RRule::Freq::kMonthly && !r.by_day.empty()) return Bad("FREQ=MONTHLY với BYDAY chưa được hỗ trợ");
  return r;
}

bool CollectionCalendar::RuleMatches(absl::CivilDay day) const {
  if (day < first_) return false;
  switch (rule_.freq) {
    case RRule::Freq::kDaily:
      return (day - first_) % rule_.interval == 0;
    case RRule::Freq::kWeekly: {
      bool weekday = rule_.by_day.empty() ? absl::GetWeekday(day) == absl::GetWeekday(first_)
                                          : rule_.by_day.count(absl::GetWeekday(day)) > 0;
      return weekday && ((WeekStart(day) - WeekStart(first_)) / 7) % rule_.interval == 0;
    }
    case RRule::Freq::kMonthly: {
      bool month_day = rule_.by_month_day.empty() ? day.day() == first_.day()
                                                  : rule_.by_month_day.count(day.day()) > 0;
      return month_day && (absl::CivilMonth(day) - absl::CivilMonth(first_)) % rule_.interval == 0;
    }
  }
  return false;
}

CollectionCalendar::CollectionCalendar(RRule rule, absl::CivilDay first, std::optional<absl::CivilDay> last,
                                       std::set<absl::CivilDay> exdates, std::set<absl::CivilDay> rdates)
    : rule_(std::move(rule)), first_(first), last_(last), exdates_(std::move(exdates)), rdates_(std::move(rdates)) {
  if (!rule_.count) return;
  // COUNT counts the rule's occurrences from the first (EXDATEs included, as RFC 5545 does).
  // A count not reached within a century is no bound in practice.
  int seen = 0;
  for (absl::CivilDay d = first_; d <= first_ + kCountHorizonDays; ++d) {
    if (RuleMatches(d) && ++seen == *rule_.count) {
      count_last_ = d;
      return;
    }
  }
}

bool CollectionCalendar::InRule(absl::CivilDay day) const {
  if (!RuleMatches(day)) return false;
  if (rule_.until && day > *rule_.until) return false;
  if (count_last_ && day > *count_last_) return false;
  return true;
}

bool CollectionCalendar::IsCollectionDay(absl::CivilDay day) const {
  if (day < first_ || (last_ && day > *last_)) return false;
  if (exdates_.count(day)) return false;
  return rdates_.count(day) > 0 || InRule(day);
}

std::vector<absl::CivilDay> CollectionCalendar::Between(absl::CivilDay from, absl::CivilDay to) const {
  std::vector<absl::CivilDay> out;
  for (absl::CivilDay d = std::max(from, first_); d <= to; ++d) {
    if (last_ && d > *last_) break;
    if (IsCollectionDay(d)) out.push_back(d);
  }
  return out;
}

std::vector<absl::CivilDay> CollectionCalendar::Next(absl::CivilDay from, int n) const {
  std::vector<absl::CivilDay> out;
  for (absl::CivilDay d = std::max(from, first_); static_cast<int>(out.size()) < n && d <= from + 731; ++d) {
    if (last_ && d > *last_) break;
    if (IsCollectionDay(d)) out.push_back(d);
  }
  return out;
}

std::optional<absl::CivilDay> CollectionCalendar::FirstRuleDay() const {
  for (absl::CivilDay d = first_; d <= first_ + 400; ++d) {
    if (InRule(d)) return d;
  }
  return std::nullopt;
}

}  // namespace laso::waste
