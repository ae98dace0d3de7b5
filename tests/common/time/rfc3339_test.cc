#include "common/time/rfc3339.h"

#include <gtest/gtest.h>

namespace laso {
namespace {

TEST(Rfc3339Test, FormatsInVietnamTimeByDefault) {
  absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 2, 16, 1, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatRfc3339(t), "2026-02-16T08:30:00+07:00");
  EXPECT_EQ(FormatRfc3339(t, absl::UTCTimeZone()), "2026-02-16T01:30:00+00:00");
  EXPECT_EQ(FormatRfc3339(t + absl::Milliseconds(250)), "2026-02-16T08:30:00.25+07:00");
}

TEST(Rfc3339Test, ParsesOffsetsAndZulu) {
  absl::Time expected = absl::FromCivil(absl::CivilSecond(2026, 2, 16, 1, 30, 0), absl::UTCTimeZone());
  for (const char* text : {"2026-02-16T08:30:00+07:00", "2026-02-16T01:30:00Z", "2026-02-16t01:30:00z",
                           "2026-02-15T20:30:00-05:00", "2026-02-16T01:30:00.000Z"}) {
    auto t = ParseRfc3339(text);
    ASSERT_TRUE(t.ok()) << text << ": " << t.status();
    EXPECT_EQ(*t, expected) << text;
  }
}

TEST(Rfc3339Test, RefusesTimesWithoutOffsetAndGarbage) {
  for (const char* text : {"2026-02-16T08:30:00", "2026-02-16", "16/02/2026 08:30", "", "2026-13-01T00:00:00Z",
                           "2026-02-16T08:30:00+07:00 trailing"}) {
    EXPECT_FALSE(ParseRfc3339(text).ok()) << text;
  }
}

TEST(Rfc3339Test, IsoDates) {
  EXPECT_EQ(*ParseIsoDate("2026-02-17"), absl::CivilDay(2026, 2, 17));
  EXPECT_FALSE(ParseIsoDate("2026-02-30").ok());
  EXPECT_FALSE(ParseIsoDate("2026-2-3").ok());
  EXPECT_EQ(FormatIsoDate(absl::CivilDay(2026, 1, 10)), "2026-01-10");
}

TEST(Rfc3339Test, VietnamDayBoundaries) {
  // 23:30 UTC on 16 Feb is already 17 Feb (mùng 1 Tết Bính Ngọ) in Vietnam.
  absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 2, 16, 23, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(VietnamDay(t), absl::CivilDay(2026, 2, 17));
  EXPECT_EQ(FormatRfc3339(VietnamStartOfDay(absl::CivilDay(2026, 2, 17))), "2026-02-17T00:00:00+07:00");
}

}  // namespace
}  // namespace laso
