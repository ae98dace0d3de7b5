#pragma once

#include <string>

#include <gtest/gtest.h>

#include "common/time/calendar_file.h"
#include "common/time/working_day_calendar.h"

#ifndef LASO_SOURCE_DIR
#error "LASO_SOURCE_DIR is defined for test targets (tests/CMakeLists.txt)"
#endif

namespace laso::testing {

// The Vietnamese calendar shipped in deploy/data/calendar, loaded once, as the
// services load it: tests of deadlines run on the real holidays.
inline const WorkingDayCalendar& ShippedVietnamCalendar() {
  static const WorkingDayCalendar* calendar = [] {
    auto* c = new WorkingDayCalendar();
    absl::Status s = LoadCalendarDir(std::string(LASO_SOURCE_DIR) + "/deploy/data/calendar", "vn", c);
    if (!s.ok()) ADD_FAILURE() << s;
    return c;
  }();
  return *calendar;
}

}  // namespace laso::testing
