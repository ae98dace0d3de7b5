#include "services/waste/ical.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/time/rfc3339.h"

namespace laso::waste {

ICalendarWriter::ICalendarWriter(const std::string& name) {
  Line("BEGIN:VCALENDAR");
  Line("VERSION:2.0");
  Line("PRODID:-//laso//waste collection//VI");
  Line("CALSCALE:GREGORIAN");
  Line("METHOD:PUBLISH");
  Text("X-WR-CALNAME", name);
  Line(absl::StrCat("X-WR-TIMEZONE:", kVietnamTzid));
  // Vietnam has kept +07:00 all year since 1975: one STANDARD rule.
  Line("BEGIN:VTIMEZONE");
  Line(absl::StrCat("TZID:", kVietnamTzid));
  Line("BEGIN:STANDARD");
  Line("DTSTART:19750613T000000");
  Line("TZOFFSETFROM:+0700");
  Line("TZOFFSETTO:+0700");
  Line("TZNAME:+07");
  Line("END:STANDARD");
  Line("END:VTIMEZONE");
}

void ICalendarWriter::Line(const std::string& line) {
  // Fold at 75 octets, continuing with CRLF and a space, never inside a UTF-8 sequence.
  size_t start = 0, limit = 75;
  while (line.size() - start > limit) {
    size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == start) cut = start + limit;  // not UTF-8 after all: cut anywhere rather than never
    absl::StrAppend(&out_, line.substr(start, cut - start), "\r\n ");
    start = cut;
    limit = 74;  // the leading space counts
  }
  absl::StrAppend(&out_, line.substr(start), "\r\n");
}

std::string ICalendarWriter::Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

void ICalendarWriter::Text(const std::string& name, const std::string& value) {
  Line(absl::StrCat(name, ":", Escape(value)));
}

std::string ICalendarWriter::UtcStamp(absl::Time t) { return absl::FormatTime("%Y%m%dT%H%M%SZ", t, absl::UTCTimeZone()); }

std::string ICalendarWriter::LocalStamp(absl::Time t) { return absl::FormatTime("%Y%m%dT%H%M%S", t, VietnamTime()); }

void ICalendarWriter::LocalTimes(const std::string& name, const std::vector<absl::Time>& times) {
  std::vector<std::string> stamps;
  for (absl::Time t : times) stamps.push_back(LocalStamp(t));
  Line(absl::StrCat(name, ";TZID=", kVietnamTzid, ":", absl::StrJoin(stamps, ",")));
}

std::string ICalendarWriter::Finish() {
  Line("END:VCALENDAR");
  return std::move(out_);
}

}  // namespace laso::waste
