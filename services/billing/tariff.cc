#include "services/billing/tariff.h"

#include <optional>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/time/rfc3339.h"

namespace laso::billing {
namespace {

struct Schedule {
  absl::CivilDay from;
  const v1::TariffSchedule* data;
};

struct Vat {
  absl::CivilDay from, to;  // to inclusive; far future when open
  int percent;
};

absl::StatusOr<std::vector<Schedule>> Schedules(const v1::Provider& p) {
  std::vector<Schedule> out;
  for (const auto& s : p.schedules()) {
    auto d = ParseIsoDate(s.effective_from());
    if (!d.ok()) return InvalidField("schedules.effectiveFrom", absl::StrCat("Ngày không hợp lệ: ", s.effective_from()));
    if (!out.empty() && *d <= out.back().from) {
      return InvalidField("schedules", "Các biểu giá phải theo thứ tự ngày hiệu lực tăng dần.");
    }
    out.push_back({*d, &s});
  }
  return out;
}

absl::StatusOr<std::vector<Vat>> VatRates(const v1::Provider& p) {
  std::vector<Vat> out;
  for (const auto& v : p.vat_rates()) {
    auto from = ParseIsoDate(v.effective_from());
    auto to = v.effective_to().empty() ? absl::StatusOr<absl::CivilDay>(absl::CivilDay(9999, 12, 31))
                                       : ParseIsoDate(v.effective_to());
    if (!from.ok() || !to.ok() || *to < *from || v.percent() < 0 || v.percent() > 100) {
      return InvalidField("vatRates", "Thuế suất VAT hoặc ngày hiệu lực không hợp lệ.");
    }
    out.push_back({*from, *to, v.percent()});
  }
  return out;
}

// The VAT in force on a day: the most specific (latest starting) period holding it.
std::optional<int> VatOn(const std::vector<Vat>& rates, absl::CivilDay day) {
  std::optional<int> best;
  absl::CivilDay best_from;
  for (const Vat& v : rates) {
    if (day >= v.from && day <= v.to && (!best || v.from > best_from)) {
      best = v.percent;
      best_from = v.from;
    }
  }
  return best;
}

// Half away from zero, as money is rounded.
int64_t RoundDiv(int64_t num, int64_t den) { return (num + den / 2) / den; }

}  // namespace

absl::Status ValidateTariff(const v1::Provider& p) {
  auto schedules = Schedules(p);
  if (!schedules.ok()) return schedules.status();
  if (schedules->empty()) return InvalidField("schedules", "Cần ít nhất một biểu giá.");
  for (const Schedule& s : *schedules) {
    int64_t prev = 0;
    const auto& tiers = s.data->tiers();
    if (tiers.empty()) return InvalidField("schedules.tiers", "Biểu giá không có bậc nào.");
    for (int i = 0; i < tiers.size(); ++i) {
      bool last = i == tiers.size() - 1;
      if (tiers[i].unit_price() <= 0) return InvalidField("schedules.tiers", "Đơn giá phải dương.");
      if (last ? tiers[i].up_to() != 0 : tiers[i].up_to() <= prev) {
        return InvalidField("schedules.tiers", "Ngưỡng các bậc phải tăng dần, bậc cuối không giới hạn (upTo 0).");
      }
      prev = tiers[i].up_to();
    }
  }
  auto vat = VatRates(p);
  return vat.ok() ? absl::OkStatus() : vat.status();
}

absl::StatusOr<v1::TariffComputation> ComputeBill(const v1::Provider& p, absl::CivilDay start, absl::CivilDay end,
                                                  int64_t consumption) {
  if (end < start) return InvalidField("periodEnd", "Kỳ hoá đơn kết thúc trước khi bắt đầu.");
  if (end - start > 92) return InvalidField("periodEnd", "Kỳ hoá đơn dài quá 3 tháng.");
  if (consumption < 0 || consumption > 100000000) return InvalidField("consumption", "Chỉ số tiêu thụ không hợp lệ.");
  auto schedules = Schedules(p);
  if (!schedules.ok()) return schedules.status();
  auto vats = VatRates(p);
  if (!vats.ok()) return vats.status();
  if (schedules->empty() || schedules->front().from > start) {
    return WithReason(InvalidField("periodStart", "Không có biểu giá hiệu lực cho kỳ này."), "NO_TARIFF");
  }

  // Where the period splits: a new schedule or a VAT period starting or ending inside it.
  std::set<absl::CivilDay> cuts = {start, end + 1};
  for (const Schedule& s : *schedules) {
    if (s.from > start && s.from <= end) cuts.insert(s.from);
  }
  for (const Vat& v : *vats) {
    if (v.from > start && v.from <= end) cuts.insert(v.from);
    if (v.to >= start && v.to < end) cuts.insert(v.to + 1);
  }
  std::vector<absl::CivilDay> bounds(cuts.begin(), cuts.end());
  const int64_t days = (end - start) + 1;

  v1::TariffComputation out;
  int64_t assigned = 0;
  std::vector<int64_t> width_assigned;
  for (size_t part = 0; part + 1 < bounds.size(); ++part) {
    absl::CivilDay from = bounds[part], to = bounds[part + 1] - 1;
    int64_t part_days = (to - from) + 1;
    bool last_part = part + 2 == bounds.size();
    const v1::TariffSchedule* schedule = nullptr;
    for (const Schedule& s : *schedules) {
      if (s.from <= from) schedule = s.data;
    }
    auto vat = VatOn(*vats, from);
    if (!vat) return WithReason(InvalidField("periodStart", "Không có thuế suất VAT cho kỳ này."), "NO_VAT_RATE");
    int64_t quantity = last_part ? consumption - assigned : RoundDiv(consumption * part_days, days);
    assigned += quantity;

    int64_t left = quantity, part_amount = 0, lower = 0;
    width_assigned.resize(schedule->tiers_size(), 0);
    for (int t = 0; t < schedule->tiers_size() && left > 0; ++t) {
      const v1::Tier& tier = schedule->tiers(t);
      int64_t take = left;
      if (tier.up_to() > 0) {
        int64_t width = tier.up_to() - lower;
        // This part's share of the tier; the last part gets what is left of it.
        int64_t share = last_part ? width - width_assigned[t] : RoundDiv(width * part_days, days);
        width_assigned[t] += share;
        take = std::min(left, std::max<int64_t>(share, 0));
        lower = tier.up_to();
      }
      if (take == 0) continue;
      v1::BreakdownLine* line = out.add_lines();
      line->set_tier(t + 1);
      line->set_quantity(take);
      line->set_unit_price(tier.unit_price());
      line->set_amount(take * tier.unit_price());
      line->set_from(FormatIsoDate(from));
      line->set_to(FormatIsoDate(to));
      part_amount += line->amount();
      left -= take;
    }
    out.set_subtotal(out.subtotal() + part_amount);
    out.set_vat(out.vat() + RoundDiv(part_amount * *vat, 100));
  }
  out.set_total(out.subtotal() + out.vat());
  return out;
}

}  // namespace laso::billing
