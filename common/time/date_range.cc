#include "common/time/date_range.h"

#include "common/status/status.h"
#include "common/time/rfc3339.h"

namespace laso {

absl::Time DayRange::begin() const { return VietnamStartOfDay(from); }
absl::Time DayRange::end() const { return VietnamStartOfDay(to + 1); }

absl::StatusOr<DayRange> ParseDayRange(const std::string& from, const std::string& to, absl::Time now,
                                       int default_days) {
  DayRange r;
  r.to = VietnamDay(now);
  if (!to.empty()) {
    auto d = ParseIsoDate(to);
    if (!d.ok()) return InvalidField("to", "Ngày không hợp lệ (YYYY-MM-DD).");
    r.to = *d;
  }
  r.from = r.to - (default_days - 1);
  if (!from.empty()) {
    auto d = ParseIsoDate(from);
    if (!d.ok()) return InvalidField("from", "Ngày không hợp lệ (YYYY-MM-DD).");
    r.from = *d;
  }
  if (r.to < r.from) return InvalidField("to", "Ngày kết thúc phải sau ngày bắt đầu.");
  if (r.to - r.from > 366 * 5) return InvalidField("from", "Khoảng thời gian tối đa 5 năm.");
  return r;
}

}  // namespace laso
