// Collection calendars and their iCalendar form. The first byte picks the input:
//   0 mod 3: an RRULE value, anchored on a day the second byte chooses;
//   1 mod 3: a route in GeoJSON as integrators upload it (rule, EXDATE, RDATE,
//            validity), which must also survive a round trip through GeoJSON;
//   2 mod 3: raw text for an iCalendar TEXT line (folding, escaping).
// The expanded days must obey the rule's bounds, and every feed line the
// format's: CRLF ends, at most 75 octets, folds that unfold to the original.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/text/text.h"
#include "common/time/rfc3339.h"
#include "services/waste/ical.h"
#include "services/waste/recurrence.h"
#include "services/waste/route_geojson.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace laso;
using waste::CollectionCalendar;

std::string Day(absl::CivilDay d) { return FormatIsoDate(d); }

std::set<absl::CivilDay> Days(const google::protobuf::RepeatedPtrField<std::string>& list) {
  std::set<absl::CivilDay> out;
  for (const auto& d : list) out.insert(*ParseIsoDate(d));
  return out;
}

void CheckCalendar(const waste::RRule& rule, const CollectionCalendar& calendar, absl::CivilDay first,
                   std::optional<absl::CivilDay> last, const std::set<absl::CivilDay>& exdates,
                   const std::set<absl::CivilDay>& rdates) {
  std::vector<absl::CivilDay> days = calendar.Between(first - 10, first + 800);
  int from_rule = 0;
  for (size_t i = 0; i < days.size(); ++i) {
    absl::CivilDay d = days[i];
    LASO_FUZZ_CHECK(i == 0 || days[i - 1] < d, Day(d));
    LASO_FUZZ_CHECK(d >= first && (!last || d <= *last), Day(d));
    LASO_FUZZ_CHECK(calendar.IsCollectionDay(d), Day(d));
    LASO_FUZZ_CHECK(!exdates.count(d), Day(d));
    if (!rdates.count(d)) {
      ++from_rule;
      LASO_FUZZ_CHECK(!rule.until || d <= *rule.until, Day(d));
    }
  }
  // EXDATEs count toward COUNT (RFC 5545), so the rule's own days can only be fewer.
  LASO_FUZZ_CHECK(!rule.count || from_rule <= *rule.count, absl::StrCat(from_rule, " > COUNT ", *rule.count));
  for (absl::CivilDay d : rdates) {
    bool expected = d >= first && (!last || d <= *last) && !exdates.count(d) && d <= first + 800;
    LASO_FUZZ_CHECK(!expected || calendar.IsCollectionDay(d), Day(d));
  }
  // Next is the start of the same sequence.
  std::vector<absl::CivilDay> next = calendar.Next(first, 12);
  for (size_t i = 0; i < next.size(); ++i) LASO_FUZZ_CHECK(i < days.size() && next[i] == days[i], Day(next[i]));
  if (auto day = calendar.FirstRuleDay()) LASO_FUZZ_CHECK(*day >= first, Day(*day));
}

// Unfolds a feed and checks every physical line; returns the logical lines.
std::vector<std::string> CheckFeed(const std::string& feed) {
  LASO_FUZZ_CHECK(absl::EndsWith(feed, "\r\n"), "feed does not end with CRLF");
  std::vector<std::string> logical;
  std::vector<absl::string_view> lines = absl::StrSplit(feed, "\r\n");
  lines.pop_back();  // after the last CRLF
  for (absl::string_view line : lines) {
    LASO_FUZZ_CHECK(line.size() <= 75, std::string(line));
    LASO_FUZZ_CHECK(line.find('\n') == absl::string_view::npos, "bare LF inside a line");
    if (absl::StartsWith(line, " ")) {
      LASO_FUZZ_CHECK(!logical.empty(), "feed starts with a continuation");
      absl::StrAppend(&logical.back(), line.substr(1));
    } else {
      logical.emplace_back(line);
    }
  }
  return logical;
}

void CheckText(const std::string& value) {
  waste::ICalendarWriter ics(value);
  ics.Text("SUMMARY", value);
  std::string feed = ics.Finish();
  std::vector<std::string> logical = CheckFeed(feed);
  std::string want = absl::StrCat("SUMMARY:", waste::ICalendarWriter::Escape(value));
  bool found = false;
  for (const auto& l : logical) found = found || l == want;
  LASO_FUZZ_CHECK(found, want);
  // Folding never splits a UTF-8 character of valid text.
  if (text::IsValidUtf8(value)) LASO_FUZZ_CHECK(text::IsValidUtf8(feed), "folding split a character");
  // Escaping is undone exactly by an iCalendar reader (CR aside, which is dropped).
  std::string unescaped = absl::StrReplaceAll(waste::ICalendarWriter::Escape(value),
                                              {{"\\\\", "\\"}, {"\\;", ";"}, {"\\,", ","}, {"\\n", "\n"}});
  LASO_FUZZ_CHECK(unescaped == absl::StrReplaceAll(value, {{"\r", ""}}), value);
}

void FromRRule(absl::string_view input) {
  if (input.empty()) return;
  absl::CivilDay first = absl::CivilDay(2026, 1, 1) + static_cast<unsigned char>(input[0]) * 3;
  auto rule = waste::ParseRRule(std::string(input.substr(1)));
  if (!rule.ok()) return;
  CollectionCalendar calendar(*rule, first, std::nullopt, {}, {});
  CheckCalendar(*rule, calendar, first, std::nullopt, {}, {});
  waste::ICalendarWriter ics("x");
  ics.Line(absl::StrCat("RRULE:", input.substr(1)));
  CheckFeed(ics.Finish());
}

void FromGeoJson(absl::string_view input) {
  auto route = waste::RouteFromGeoJson("r1", std::string(input));
  if (!route.ok()) {
    LASO_FUZZ_CHECK(route.status().code() == absl::StatusCode::kInvalidArgument, route.status().ToString());
    return;
  }
  auto rule = waste::ParseRRule(route->rrule());
  LASO_FUZZ_CHECK(rule.ok(), "a validated route's rule does not parse");
  absl::CivilDay first = *ParseIsoDate(route->valid_from());
  std::optional<absl::CivilDay> last;
  if (!route->valid_to().empty()) last = *ParseIsoDate(route->valid_to());
  std::set<absl::CivilDay> exdates = Days(route->exdates()), rdates = Days(route->rdates());
  CollectionCalendar calendar(*rule, first, last, exdates, rdates);
  CheckCalendar(*rule, calendar, first, last, exdates, rdates);
  CheckText(route->name());
  for (const auto& stop : route->stops()) CheckText(stop.name());
  // What we write back is what we read.
  auto again = waste::RouteFromGeoJson("r1", waste::RouteToGeoJson(*route));
  LASO_FUZZ_CHECK(again.ok(), again.status().ToString());
  LASO_FUZZ_CHECK(again->SerializeAsString() == route->SerializeAsString(), route->DebugString());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  absl::string_view rest = fuzz::AsText(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      FromRRule(rest);
      break;
    case 1:
      FromGeoJson(rest);
      break;
    default:
      CheckText(std::string(rest));
      break;
  }
  return 0;
}
