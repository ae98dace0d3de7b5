// WasteCollection: schedules, as JSON and as an iCalendar feed that expands
// to the same dates.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/waste/ical.h"
#include "services/waste/waste_collection.h"

namespace laso::waste {
namespace {

absl::Status CheckPoint(const v1::ScheduleRequest& req, const geo::Polygon& boundary) {
  geo::LatLng p{req.lat(), req.lng()};
  if (!geo::IsValid(p) || (req.lat() == 0 && req.lng() == 0)) return InvalidField("lat", "Toạ độ không hợp lệ.");
  if (!boundary.Contains(p)) return WithReason(InvalidField("lat", "Vị trí nằm ngoài địa bàn tỉnh."), "OUTSIDE_PROVINCE");
  return absl::OkStatus();
}

// The route's RRULE for the feed: its own parts, with UNTIL as a UTC time at
// the end of the last valid day (RFC 5545 wants DATE-TIME beside a TZID start).
std::string FeedRRule(const std::string& rrule, const RRule& parsed, const std::string& valid_to) {
  std::vector<std::string> parts;
  for (absl::string_view part : absl::StrSplit(rrule, ';', absl::SkipEmpty())) {
    if (!absl::StartsWith(part, "UNTIL=")) parts.emplace_back(part);
  }
  std::optional<absl::CivilDay> until = parsed.until;
  if (auto last = ParseIsoDate(valid_to); last.ok() && (!until || *last < *until)) until = *last;
  if (until && !parsed.count) {
    parts.push_back(absl::StrCat("UNTIL=", ICalendarWriter::UtcStamp(VietnamStartOfDay(*until + 1) - absl::Seconds(1))));
  }
  return absl::StrJoin(parts, ";");
}

}  // namespace

v1::Schedule WasteCollection::BuildSchedule(geo::LatLng point, absl::CivilDay today) const {
  v1::Schedule out;
  std::vector<v1::Stream> streams;
  for (const Served& s : ServedAt(point)) {
    v1::ServedBy* by = out.add_routes();
    *by->mutable_route() = Summary(*s.entry);
    *by->mutable_nearest_stop() = s.entry->route.stops(s.stop);
    by->set_distance_m(std::round(s.distance_m));
    absl::Time planned = RunStart(*s.entry, today) + absl::Minutes(s.entry->route.stops(s.stop).planned_minutes());
    by->set_window_from(absl::FormatTime("%H:%M", planned - options_.window_before, VietnamTime()));
    by->set_window_to(absl::FormatTime("%H:%M", planned + options_.window_after, VietnamTime()));
    for (absl::CivilDay day : s.entry->calendar.Next(today, options_.next_pickups)) {
      by->add_next_pickups(FormatIsoDate(day));
    }
    streams.push_back(s.entry->route.stream());
  }
  for (auto& rule : guide_.RulesFor(streams)) *out.add_sorting_rules() = std::move(rule);
  return out;
}

absl::StatusOr<std::shared_ptr<const std::string>> WasteCollection::GetScheduleBytes(
    const v1::ScheduleRequest& req) const {
  if (auto s = CheckPoint(req, options_.boundary); !s.ok()) return s;
  absl::CivilDay today = VietnamDay(clock_->Now());
  // Points ~10 m apart get the same answer; a new route clears the cache.
  std::string key = absl::StrFormat("%.4f,%.4f,%s", req.lat(), req.lng(), FormatIsoDate(today));
  if (auto cached = schedules_.Get(key)) return cached;
  uint64_t ticket = schedules_.Ticket();
  std::shared_ptr<const std::string> bytes;
  {
    absl::ReaderMutexLock lock(&mu_);
    bytes = std::make_shared<const std::string>(BuildSchedule({req.lat(), req.lng()}, today).SerializeAsString());
  }
  schedules_.Put(key, bytes, ticket);
  return bytes;
}

absl::StatusOr<v1::Schedule> WasteCollection::GetSchedule(const v1::ScheduleRequest& req) const {
  auto bytes = GetScheduleBytes(req);
  if (!bytes.ok()) return bytes.status();
  v1::Schedule out;
  if (!out.ParseFromString(**bytes)) return absl::InternalError("cached schedule does not parse");
  return out;
}

absl::StatusOr<laso::api::HttpBody> WasteCollection::GetScheduleIcs(const v1::ScheduleRequest& req) const {
  if (auto s = CheckPoint(req, options_.boundary); !s.ok()) return s;
  ICalendarWriter ics("Lịch thu gom rác");
  absl::Time now = clock_->Now();
  absl::ReaderMutexLock lock(&mu_);
  for (const Served& s : ServedAt({req.lat(), req.lng()})) {
    const v1::Route& r = s.entry->route;
    const v1::Stop& stop = r.stops(s.stop);
    auto rule = ParseRRule(r.rrule());
    if (!rule.ok()) continue;  // validated on the way in
    absl::Duration offset = s.entry->start_of_day + absl::Minutes(stop.planned_minutes()) - options_.window_before;
    auto at = [&](absl::CivilDay day) { return VietnamStartOfDay(day) + offset; };
    absl::CivilDay first = *ParseIsoDate(r.valid_from());
    std::optional<absl::CivilDay> last;
    if (!r.valid_to().empty()) last = *ParseIsoDate(r.valid_to());
    auto valid = [&](absl::CivilDay d) { return d >= first && (!last || d <= *last); };
    std::vector<absl::Time> exdates, rdates;
    for (const auto& d : r.exdates()) {
      if (auto day = ParseIsoDate(d); day.ok() && valid(*day)) exdates.push_back(at(*day));
    }
    for (const auto& d : r.rdates()) {
      auto day = ParseIsoDate(d);
      if (day.ok() && valid(*day) && std::find(r.exdates().begin(), r.exdates().end(), d) == r.exdates().end()) {
        rdates.push_back(at(*day));
      }
    }
    std::optional<absl::CivilDay> dtstart = s.entry->calendar.FirstRuleDay();
    bool has_rule = dtstart.has_value();
    if (!has_rule) {
      if (rdates.empty()) continue;
      dtstart = VietnamDay(rdates.front());
      rdates.erase(rdates.begin());
    }
    ics.Line("BEGIN:VEVENT");
    ics.Line(absl::StrCat("UID:", r.id(), "-", s.stop + 1, "@waste.laso"));
    ics.Line(absl::StrCat("DTSTAMP:", ICalendarWriter::UtcStamp(now)));
    ics.LocalTimes("DTSTART", {at(*dtstart)});
    ics.LocalTimes("DTEND", {at(*dtstart) + options_.window_before + options_.window_after});
    if (has_rule) ics.Line(absl::StrCat("RRULE:", FeedRRule(r.rrule(), *rule, r.valid_to())));
    if (!exdates.empty()) ics.LocalTimes("EXDATE", exdates);
    if (!rdates.empty()) ics.LocalTimes("RDATE", rdates);
    ics.Text("SUMMARY", absl::StrCat("Thu gom ", SortingGuide::StreamLabel(r.stream()), " – ", r.name()));
    ics.Text("LOCATION", stop.name());
    ics.Line(absl::StrFormat("GEO:%.6f;%.6f", stop.point().lat(), stop.point().lng()));
    ics.Text("DESCRIPTION", absl::StrCat("Xe ", r.vehicle_id(), " dự kiến đến điểm \"", stop.name(),
                                         "\" trong khung giờ này. Tra cứu vị trí xe trên ứng dụng."));
    ics.Line("BEGIN:VALARM");
    ics.Line("ACTION:DISPLAY");
    ics.Text("DESCRIPTION", "Sắp đến giờ thu gom rác");
    ics.Line("TRIGGER:-PT30M");
    ics.Line("END:VALARM");
    ics.Line("END:VEVENT");
  }
  laso::api::HttpBody body;
  body.set_content_type("text/calendar; charset=utf-8");
  body.set_data(ics.Finish());
  return body;
}

}  // namespace laso::waste
