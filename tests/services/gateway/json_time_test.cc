#include "services/gateway/json_time.h"

#include <gtest/gtest.h>

namespace laso::gateway {
namespace {

TEST(JsonTimeTest, RewritesUtcTimestampsOnly) {
  EXPECT_EQ(LocalizeTimestamps(R"({"a":"2026-02-16T17:00:00Z","b":"2026-02-16T17:00:00.250Z","c":"hello"})", 420),
            R"({"a":"2026-02-17T00:00:00+07:00","b":"2026-02-17T00:00:00.25+07:00","c":"hello"})");
  EXPECT_EQ(LocalizeTimestamps(R"({"x":"2026-02-16","y":"2026-02-16T17:00:00+07:00","z":12})", 420),
            R"({"x":"2026-02-16","y":"2026-02-16T17:00:00+07:00","z":12})");
}

TEST(JsonTimeTest, RespectsEscapes) {
  std::string json = R"({"a":"say \"2026-02-16T17:00:00Z\"","b":["2026-02-16T17:00:00Z"]})";
  EXPECT_EQ(LocalizeTimestamps(json, 420), R"({"a":"say \"2026-02-16T17:00:00Z\"","b":["2026-02-17T00:00:00+07:00"]})");
}

TEST(JsonTimeTest, ParsesOffsets) {
  int m;
  ASSERT_TRUE(ParseUtcOffset("+07:00", &m));
  EXPECT_EQ(m, 420);
  ASSERT_TRUE(ParseUtcOffset("-05:30", &m));
  EXPECT_EQ(m, -330);
  EXPECT_FALSE(ParseUtcOffset("+7", &m));
  EXPECT_FALSE(ParseUtcOffset("+25:00", &m));
}

}  // namespace
}  // namespace laso::gateway
