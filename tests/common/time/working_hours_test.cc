#include "common/time/working_hours.h"

#include <fstream>

#include <gtest/gtest.h>

#include "common/testing/shipped_calendar.h"
#include "common/testing/temp_dir.h"
#include "common/time/calendar_file.h"
#include "common/time/rfc3339.h"

namespace laso {
namespace {

absl::Time At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

std::string Show(absl::Time t) { return FormatRfc3339(t); }

class WorkingHoursTest : public ::testing::Test {
 protected:
  const WorkingDayCalendar& calendar_ = testing::ShippedVietnamCalendar();
  absl::Time Add(const char* start, absl::Duration d) { return AddWorkingHours(calendar_, At(start), d); }
};

TEST_F(WorkingHoursTest, ShippedOfficeHoursAreLoaded) {
  ASSERT_EQ(calendar_.office_hours().size(), 2u);
  EXPECT_EQ(calendar_.office_hours()[0].from, absl::Hours(7));
  EXPECT_EQ(calendar_.office_hours()[1].to, absl::Hours(17));
}

TEST_F(WorkingHoursTest, WithinOneMorning) {
  EXPECT_EQ(Add("2026-03-17T08:00:00+07:00", absl::Hours(2)), At("2026-03-17T10:00:00+07:00"));
}

TEST_F(WorkingHoursTest, LunchDoesNotCount) {
  EXPECT_EQ(Add("2026-03-17T11:00:00+07:00", absl::Hours(1)), At("2026-03-17T14:00:00+07:00"));
}

TEST_F(WorkingHoursTest, EndingAtThePeriodsEndStaysThere) {
  EXPECT_EQ(Add("2026-03-17T10:30:00+07:00", absl::Hours(1)), At("2026-03-17T11:30:00+07:00"));
}

TEST_F(WorkingHoursTest, AcrossANight) {
  // One hour on Tuesday afternoon, three on Wednesday morning.
  EXPECT_EQ(Add("2026-03-17T16:00:00+07:00", absl::Hours(4)), At("2026-03-18T10:00:00+07:00"));
}

TEST_F(WorkingHoursTest, ReceivedAtNightStartsAtTheNextOpening) {
  EXPECT_EQ(Add("2026-03-17T21:45:00+07:00", absl::Hours(2)), At("2026-03-18T09:00:00+07:00"));
  EXPECT_EQ(Add("2026-03-18T05:00:00+07:00", absl::Hours(2)), At("2026-03-18T09:00:00+07:00"));
}

TEST_F(WorkingHoursTest, AcrossAWeekend) {
  EXPECT_EQ(Add("2026-03-20T16:00:00+07:00", absl::Hours(2)), At("2026-03-23T08:00:00+07:00"));
}

TEST_F(WorkingHoursTest, AcrossTet2026) {
  // Friday 13/02 16:30: half an hour, then Tết (Sat 14/02 to Sun 22/02), then Monday 23/02.
  EXPECT_EQ(Show(Add("2026-02-13T16:30:00+07:00", absl::Hours(2))), Show(At("2026-02-23T08:30:00+07:00")));
}

TEST_F(WorkingHoursTest, AcrossTheNewYearSwapAndTheMakeUpSaturday) {
  // 01/01 and 02/01/2026 are off, Saturday 10/01 is worked.
  EXPECT_EQ(Add("2025-12-31T16:00:00+07:00", absl::Hours(3)), At("2026-01-05T09:00:00+07:00"));
  EXPECT_EQ(Add("2026-01-09T16:00:00+07:00", absl::Hours(2)), At("2026-01-10T08:00:00+07:00"));
}

TEST_F(WorkingHoursTest, BetweenIsTheInverse) {
  for (const char* start : {"2026-02-13T16:30:00+07:00", "2026-03-17T11:00:00+07:00", "2026-03-20T22:00:00+07:00"}) {
    for (int minutes : {1, 30, 90, 240, 480, 2400}) {
      absl::Duration d = absl::Minutes(minutes);
      EXPECT_EQ(WorkingHoursBetween(calendar_, At(start), Add(start, d)), d) << start << " + " << minutes;
    }
  }
  EXPECT_EQ(WorkingHoursBetween(calendar_, At("2026-03-18T00:00:00+07:00"), At("2026-03-17T00:00:00+07:00")),
            absl::ZeroDuration());
  EXPECT_EQ(WorkingHoursBetween(calendar_, At("2026-03-16T00:00:00+07:00"), At("2026-03-23T00:00:00+07:00")),
            absl::Hours(40));
}

TEST_F(WorkingHoursTest, NothingToAddGivesTheStart) {
  EXPECT_EQ(Add("2026-03-21T20:00:00+07:00", absl::ZeroDuration()), At("2026-03-21T20:00:00+07:00"));
}

TEST(OfficeHoursFileTest, RefusesPeriodsOutOfOrder) {
  testing::TempDir dir;
  std::string path = dir.File("vn-office-hours.toml");
  std::ofstream(path) << "periods = [{ from = \"13:30\", to = \"17:00\" }, { from = \"07:00\", to = \"11:30\" }]\n";
  WorkingDayCalendar calendar;
  auto s = LoadOfficeHoursFile(path, &calendar);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(std::string(s.message()).find("in order"), std::string::npos) << s;
  std::ofstream(path) << "periods = [{ from = \"7h\", to = \"11:30\" }]\n";
  EXPECT_FALSE(LoadOfficeHoursFile(path, &calendar).ok());
  std::ofstream(path) << "periods = [{ from = \"06:30\", to = \"11:00\" }]\n";
  ASSERT_TRUE(LoadOfficeHoursFile(path, &calendar).ok());
  EXPECT_EQ(AddWorkingHours(calendar, At("2026-03-17T12:00:00+07:00"), absl::Hours(1)),
            At("2026-03-18T07:30:00+07:00"));
}

}  // namespace
}  // namespace laso
