#include "common/time/rfc3339.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace laso {

absl::TimeZone VietnamTime() {
  static const absl::TimeZone tz = absl::FixedTimeZone(7 * 60 * 60);
  return tz;
}

std::string FormatRfc3339(absl::Time t, absl::TimeZone tz) {
  return absl::FormatTime("%Y-%m-%d%ET%H:%M:%E*S%Ez", t, tz);
}

absl::StatusOr<absl::Time> ParseRfc3339(absl::string_view text) {
  // The shortest valid form is "2026-01-01T00:00:00Z" (20 characters).
  if (text.size() < 20 || text.size() > 40) {
    return absl::InvalidArgumentError(absl::StrCat("not an RFC 3339 time: \"", text, "\""));
  }
  std::string upper = absl::AsciiStrToUpper(text);
  absl::Time t;
  std::string err;
  if (!absl::ParseTime("%Y-%m-%d%ET%H:%M:%E*S%Ez", upper, &t, &err)) {
    return absl::InvalidArgumentError(
        absl::StrCat("not an RFC 3339 time with offset (e.g. 2026-02-16T08:30:00+07:00): \"", text, "\""));
  }
  return t;
}

absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day) || absl::FormatCivilTime(day) != text) {
    return absl::InvalidArgumentError(absl::StrCat("not a date (YYYY-MM-DD): \"", text, "\""));
  }
  return day;
}

std::string FormatIsoDate(absl::CivilDay day) { return absl::FormatCivilTime(day); }

absl::CivilDay VietnamDay(absl::Time t) { return absl::ToCivilDay(t, VietnamTime()); }

absl::Time VietnamStartOfDay(absl::CivilDay day) { return absl::FromCivil(day, VietnamTime()); }

}  // namespace laso
