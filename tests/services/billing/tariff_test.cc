#include "services/billing/tariff.h"

#include <fstream>
#include <sstream>

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "common/status/status.h"

namespace laso::billing {
namespace {

v1::Provider Shipped(const std::string& code) {
  std::ifstream in(std::string(LASO_SOURCE_DIR) + "/deploy/data/billing/providers.json");
  std::stringstream text;
  text << in.rdbuf();
  v1::ListProvidersResponse all;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text.str(), &all).ok());
  for (const auto& p : all.providers()) {
    if (p.code() == code) return p;
  }
  ADD_FAILURE() << "no provider " << code;
  return {};
}

v1::TariffComputation Compute(const std::string& provider, absl::CivilDay start, absl::CivilDay end, int64_t kwh) {
  auto c = ComputeBill(Shipped(provider), start, end, kwh);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *c : v1::TariffComputation();
}

TEST(TariffTest, ShippedTariffsAreValid) {
  EXPECT_TRUE(ValidateTariff(Shipped("evn-longan")).ok());
  EXPECT_TRUE(ValidateTariff(Shipped("nuoc-longan")).ok());
}

TEST(TariffTest, TwoHundredFiftyKwhInJune2025) {
  auto c = Compute("evn-longan", absl::CivilDay(2025, 6, 1), absl::CivilDay(2025, 6, 30), 250);
  ASSERT_EQ(c.lines_size(), 4);
  EXPECT_EQ(c.lines(0).quantity(), 50);
  EXPECT_EQ(c.lines(0).unit_price(), 1984);
  EXPECT_EQ(c.lines(0).amount(), 99200);
  EXPECT_EQ(c.lines(1).amount(), 102500);
  EXPECT_EQ(c.lines(2).quantity(), 100);
  EXPECT_EQ(c.lines(2).amount(), 238000);
  EXPECT_EQ(c.lines(3).quantity(), 50);
  EXPECT_EQ(c.lines(3).amount(), 149900);
  EXPECT_EQ(c.subtotal(), 589600);
  EXPECT_EQ(c.vat(), 58960);  // 10% until the end of June 2025
  EXPECT_EQ(c.total(), 648560);
}

TEST(TariffTest, VatIsEightPercentFromJuly2025ToTheEndOf2026) {
  EXPECT_EQ(Compute("evn-longan", absl::CivilDay(2025, 7, 1), absl::CivilDay(2025, 7, 31), 250).vat(), 47168);
  EXPECT_EQ(Compute("evn-longan", absl::CivilDay(2026, 12, 1), absl::CivilDay(2026, 12, 31), 250).vat(), 47168);
  EXPECT_EQ(Compute("evn-longan", absl::CivilDay(2027, 1, 1), absl::CivilDay(2027, 1, 31), 250).vat(), 58960);
  // Half a month each side of 1 July: each half's VAT at its own rate.
  auto split = Compute("evn-longan", absl::CivilDay(2025, 6, 16), absl::CivilDay(2025, 7, 15), 100);
  EXPECT_EQ(split.subtotal(), 201700);
  EXPECT_EQ(split.vat(), 10085 + 8068);
  EXPECT_EQ(split.total(), 219853);
}

TEST(TariffTest, PeriodSpanningThePriceChangeOf10May2025IsSplitByDays) {
  // 25 April - 24 May 2025: 15 days at the 2024 prices, 15 at the 2025 ones;
  // each half gets 150 kWh and half of every tier.
  auto c = Compute("evn-longan", absl::CivilDay(2025, 4, 25), absl::CivilDay(2025, 5, 24), 300);
  ASSERT_EQ(c.lines_size(), 8);
  EXPECT_EQ(c.lines(0).quantity(), 25);
  EXPECT_EQ(c.lines(0).unit_price(), 1893);
  EXPECT_EQ(c.lines(0).from(), "2025-04-25");
  EXPECT_EQ(c.lines(0).to(), "2025-05-09");
  EXPECT_EQ(c.lines(3).quantity(), 50);
  EXPECT_EQ(c.lines(3).unit_price(), 2860);
  EXPECT_EQ(c.lines(4).unit_price(), 1984);
  EXPECT_EQ(c.lines(4).from(), "2025-05-10");
  EXPECT_EQ(c.subtotal(), 352775 + 369750);
  EXPECT_EQ(c.vat(), 35278 + 36975);
  EXPECT_EQ(c.total(), 794778);
  // However it splits, every kWh is billed exactly once.
  for (int64_t kwh : {0, 1, 49, 51, 333, 401, 1234}) {
    auto s = Compute("evn-longan", absl::CivilDay(2025, 4, 28), absl::CivilDay(2025, 5, 27), kwh);
    int64_t billed = 0;
    for (const auto& l : s.lines()) billed += l.quantity();
    EXPECT_EQ(billed, kwh);
  }
}

TEST(TariffTest, WaterTiersAndVat) {
  auto c = Compute("nuoc-longan", absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 10, 31), 25);
  ASSERT_EQ(c.lines_size(), 3);
  EXPECT_EQ(c.subtotal(), 10 * 6500 + 10 * 8000 + 5 * 9500);
  EXPECT_EQ(c.vat(), 9625);  // 5% of 192,500
  EXPECT_EQ(c.total(), 202125);
}

TEST(TariffTest, RefusesWhatItCannotPrice) {
  auto p = Shipped("evn-longan");
  EXPECT_EQ(ReasonOf(ComputeBill(p, absl::CivilDay(2020, 1, 1), absl::CivilDay(2020, 1, 31), 10).status()),
            "NO_TARIFF");
  EXPECT_FALSE(ComputeBill(p, absl::CivilDay(2025, 2, 1), absl::CivilDay(2025, 1, 1), 10).ok());
  EXPECT_FALSE(ComputeBill(p, absl::CivilDay(2025, 1, 1), absl::CivilDay(2025, 1, 31), -5).ok());
  v1::Provider bad = p;
  bad.mutable_schedules(0)->mutable_tiers(5)->set_up_to(500);  // the last tier must be open
  EXPECT_FALSE(ValidateTariff(bad).ok());
  bad = p;
  bad.mutable_schedules()->SwapElements(0, 1);
  EXPECT_FALSE(ValidateTariff(bad).ok());
}

}  // namespace
}  // namespace laso::billing
