#include "common/time/working_day_calendar.h"

#include <gtest/gtest.h>

#include "common/testing/shipped_calendar.h"

namespace laso {
namespace {

using D = absl::CivilDay;

const WorkingDayCalendar& Vietnam() { return testing::ShippedVietnamCalendar(); }

TEST(WorkingDayCalendarTest, ShipsTwentyTwentyFiveToTwentyTwentySeven) {
  EXPECT_TRUE(Vietnam().HasDataFor(2025));
  EXPECT_TRUE(Vietnam().HasDataFor(2026));
  EXPECT_TRUE(Vietnam().HasDataFor(2027));
  EXPECT_FALSE(Vietnam().HasDataFor(2024));
}

TEST(WorkingDayCalendarTest, Tet2026IsNineDaysOffFromSaturday14To22February) {
  EXPECT_TRUE(Vietnam().IsWorkingDay(D(2026, 2, 13)));  // Friday before Tết
  for (D d = D(2026, 2, 14); d <= D(2026, 2, 22); ++d) {
    EXPECT_FALSE(Vietnam().IsWorkingDay(d)) << d;
  }
  EXPECT_EQ(Vietnam().HolidayName(D(2026, 2, 17)), "Tết Nguyên đán Bính Ngọ");
  EXPECT_TRUE(Vietnam().IsWorkingDay(D(2026, 2, 23)));  // back to work on Monday mùng 7
}

TEST(WorkingDayCalendarTest, MakeUpSaturday10January2026ForFriday2January) {
  EXPECT_FALSE(Vietnam().IsWorkingDay(D(2026, 1, 1)));
  EXPECT_FALSE(Vietnam().IsWorkingDay(D(2026, 1, 2)));  // swapped off
  EXPECT_TRUE(Vietnam().IsWorkingDay(D(2026, 1, 10)));  // Saturday worked
  EXPECT_FALSE(Vietnam().IsWorkingDay(D(2026, 1, 17)));  // an ordinary Saturday
}

TEST(WorkingDayCalendarTest, MakeUpSaturday26April2025) {
  EXPECT_TRUE(Vietnam().IsWorkingDay(D(2025, 4, 26)));
  EXPECT_FALSE(Vietnam().IsWorkingDay(D(2025, 5, 2)));
}

TEST(WorkingDayCalendarTest, ThreeWorkingDaysFromThursday12February2026EndOnTuesday24February) {
  // Friday 13 counts, then nine days of Tết and weekends, then Monday 23 and Tuesday 24.
  EXPECT_EQ(Vietnam().AddWorkingDays(D(2026, 2, 12), 3), D(2026, 2, 24));
}

TEST(WorkingDayCalendarTest, TwoWorkingDaysFromNewYearsEve2025EndOnTuesday6January2026) {
  EXPECT_EQ(Vietnam().AddWorkingDays(D(2025, 12, 31), 2), D(2026, 1, 6));
}

TEST(WorkingDayCalendarTest, TwoWorkingDaysFromThursday8January2026EndOnTheMakeUpSaturday) {
  EXPECT_EQ(Vietnam().AddWorkingDays(D(2026, 1, 8), 2), D(2026, 1, 10));
}

TEST(WorkingDayCalendarTest, GioToFallsOnSunday26April2026SoMonday27IsOff) {
  EXPECT_FALSE(Vietnam().IsWorkingDay(D(2026, 4, 27)));
  EXPECT_EQ(Vietnam().AddWorkingDays(D(2026, 4, 24), 1), D(2026, 4, 28));
  // 30/4 and 1/5 are Thursday and Friday: the next working day after Wednesday 29 is Monday 4 May.
  EXPECT_EQ(Vietnam().AddWorkingDays(D(2026, 4, 29), 1), D(2026, 5, 4));
}

TEST(WorkingDayCalendarTest, TenDaysFromMonday2March2026WithThreeWorkingDaysPausedEndOnThursday19March) {
  // Without a pause: Monday 16 March.
  EXPECT_EQ(Vietnam().AddWorkingDays(D(2026, 3, 2), 10), D(2026, 3, 16));
  // Supplement requested Thursday 5 March, documents brought Tuesday 10 March: the
  // clock stops for Thu 5, Fri 6 and Mon 9, so the due date moves three working days.
  DayInterval pause{D(2026, 3, 5), D(2026, 3, 10)};
  EXPECT_EQ(Vietnam().AddWorkingDays(D(2026, 3, 2), 10, {pause}), D(2026, 3, 19));
  EXPECT_EQ(Vietnam().WorkingDaysBetween(D(2026, 3, 2), D(2026, 3, 19), {pause}), 10);
}

TEST(WorkingDayCalendarTest, WorkingDaysBetweenInvertsAddWorkingDays) {
  for (D start = D(2025, 12, 1); start <= D(2026, 6, 30); start += 3) {
    for (int n : {0, 1, 2, 5, 10, 15, 30}) {
      D end = Vietnam().AddWorkingDays(start, n);
      EXPECT_EQ(Vietnam().WorkingDaysBetween(start, end), n) << start << " + " << n;
      if (n > 0) EXPECT_TRUE(Vietnam().IsWorkingDay(end)) << start << " + " << n;
    }
  }
}

TEST(WorkingDayCalendarTest, CountsBackwardsAsNegative) {
  EXPECT_EQ(Vietnam().WorkingDaysBetween(D(2026, 2, 24), D(2026, 2, 12)), -3);
  EXPECT_EQ(Vietnam().AddWorkingDays(D(2026, 2, 24), -3), D(2026, 2, 12));
}

TEST(WorkingDayCalendarTest, NextWorkingDay) {
  EXPECT_EQ(Vietnam().NextWorkingDayOnOrAfter(D(2026, 2, 14)), D(2026, 2, 23));
  EXPECT_EQ(Vietnam().NextWorkingDayOnOrAfter(D(2026, 2, 23)), D(2026, 2, 23));
}

TEST(WorkingDayCalendarTest, WithoutDataOnlyWeekendsAreOff) {
  WorkingDayCalendar bare;
  EXPECT_TRUE(bare.IsWorkingDay(D(2026, 2, 17)));
  EXPECT_FALSE(bare.IsWorkingDay(D(2026, 2, 21)));
}

}  // namespace
}  // namespace laso
