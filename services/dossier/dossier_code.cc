#include "services/dossier/dossier_code.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "common/status/status.h"

namespace laso::dossier {
namespace {

absl::Status Invalid() {
  return InvalidField("code", "Mã hồ sơ không đúng dạng, ví dụ đúng: H15.50.05.13-261008-0975.");
}

bool IsAgencyCode(absl::string_view s) {
  if (s.empty() || s.size() > 32 || s.front() == '.' || s.back() == '.') return false;
  char previous = 0;
  for (char c : s) {
    if (!(absl::ascii_isalnum(c) || c == '.') || (c == '.' && previous == '.')) return false;
    previous = c;
  }
  return true;
}

bool IsDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return !s.empty();
}

}  // namespace

absl::StatusOr<std::string> NormalizeDossierCode(absl::string_view input) {
  std::string code = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(input));
  if (code.size() > 48) return Invalid();
  std::vector<absl::string_view> parts = absl::StrSplit(code, '-');
  if (parts.size() != 3 || !IsAgencyCode(parts[0]) || parts[1].size() != 6 || !IsDigits(parts[1]) ||
      parts[2].size() < 3 || parts[2].size() > 8 || !IsDigits(parts[2])) {
    return Invalid();
  }
  int yy, mm, dd;
  absl::SimpleAtoi(parts[1].substr(0, 2), &yy);
  absl::SimpleAtoi(parts[1].substr(2, 2), &mm);
  absl::SimpleAtoi(parts[1].substr(4, 2), &dd);
  absl::CivilDay day(2000 + yy, mm, dd);
  if (day.month() != mm || day.day() != dd) return Invalid();  // e.g. 260230 is not a date
  return code;
}

}  // namespace laso::dossier
