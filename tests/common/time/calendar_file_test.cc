#include "common/time/calendar_file.h"

#include <fstream>

#include <gtest/gtest.h>

#include "common/testing/temp_dir.h"

namespace laso {
namespace {

std::string Write(const testing::TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.File(name);
  std::ofstream(path) << text;
  return path;
}

TEST(CalendarFileTest, LoadsHolidaysWorkdaysAndWeekend) {
  testing::TempDir dir;
  std::string path = Write(dir, "xx-2030.toml",
                           "year = 2030\nweekend = [\"friday\", \"saturday\"]\n"
                           "[[holidays]]\nname = \"A\"\nfrom = 2030-03-04\nto = 2030-03-05\n"
                           "[[workdays]]\ndate = 2030-03-08\n");
  WorkingDayCalendar calendar;
  ASSERT_TRUE(LoadCalendarFile(path, &calendar).ok());
  EXPECT_TRUE(calendar.HasDataFor(2030));
  EXPECT_FALSE(calendar.IsWorkingDay(absl::CivilDay(2030, 3, 4)));
  EXPECT_FALSE(calendar.IsWorkingDay(absl::CivilDay(2030, 3, 5)));
  EXPECT_TRUE(calendar.IsWorkingDay(absl::CivilDay(2030, 3, 8)));    // a Friday made a workday
  EXPECT_FALSE(calendar.IsWorkingDay(absl::CivilDay(2030, 3, 9)));   // Saturday off
  EXPECT_TRUE(calendar.IsWorkingDay(absl::CivilDay(2030, 3, 10)));   // Sunday worked there
}

TEST(CalendarFileTest, RefusesBadFilesWithAClearMessage) {
  testing::TempDir dir;
  WorkingDayCalendar calendar;
  auto missing_year = LoadCalendarFile(Write(dir, "a.toml", "[[holidays]]\nname = \"x\"\nfrom = 2030-01-01\n"), &calendar);
  EXPECT_NE(missing_year.message().find("year"), std::string::npos);
  EXPECT_FALSE(LoadCalendarFile(Write(dir, "b.toml", "year = 2030\n[[holidays]]\nname = \"x\"\nfrom = 2031-01-01\n"),
                                &calendar).ok());
  EXPECT_FALSE(LoadCalendarFile(Write(dir, "c.toml", "year = 2030\n[[holidays]]\nfrom = 2030-01-01\n"), &calendar).ok());
  EXPECT_FALSE(LoadCalendarFile(Write(dir, "d.toml", "year = = 2030\n"), &calendar).ok());
  EXPECT_FALSE(LoadCalendarFile(Write(dir, "e.toml", "year = 2030\nweekend = [\"funday\"]\n"), &calendar).ok());
  EXPECT_FALSE(LoadCalendarDir(dir.File("nope"), "vn", &calendar).ok());
}

}  // namespace
}  // namespace laso
