#pragma once

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "laso/billing/v1/billing.pb.h"

// The tariff engine: what a period's consumption costs under a provider's
// tiered tariff, in whole VND, the way EVN bills it. A period that spans a
// change of tariff or of VAT rate is split into parts by days; each part gets
// its share of the consumption and of every tier's width (rounded to whole
// units, the last part taking what rounding left), is priced at the tariff in
// force, and its VAT is rounded on its own.
namespace laso::billing {

// Checks that schedules are in date order with ascending tier bounds and the
// last tier unbounded, and that VAT periods are valid dates.
absl::Status ValidateTariff(const v1::Provider& provider);

// [start, end] inclusive; consumption in whole units (kWh, m³).
absl::StatusOr<v1::TariffComputation> ComputeBill(const v1::Provider& provider, absl::CivilDay start,
                                                  absl::CivilDay end, int64_t consumption);

}  // namespace laso::billing
