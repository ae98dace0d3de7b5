#include "common/time/time_of_day.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace laso {

absl::StatusOr<absl::Duration> ParseTimeOfDay(const std::string& key, const std::string& text) {
  int h, m;
  if (text.size() != 5 || text[2] != ':' || !absl::SimpleAtoi(text.substr(0, 2), &h) ||
      !absl::SimpleAtoi(text.substr(3, 2), &m) || h < 0 || h > 23 || m < 0 || m > 59) {
    return absl::InvalidArgumentError(absl::StrCat("config key '", key, "' is not a time like 17:00"));
  }
  return absl::Hours(h) + absl::Minutes(m);
}

}  // namespace laso
