#include "services/waste/ical.h"

#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "common/text/text.h"

namespace laso::waste {
namespace {

std::vector<std::string> PhysicalLines(const std::string& feed) {
  std::vector<std::string> lines = absl::StrSplit(feed, "\r\n");
  lines.pop_back();
  return lines;
}

TEST(ICalendarWriterTest, FoldsAt75OctetsWithoutSplittingACharacter) {
  std::string name;
  for (int i = 0; i < 40; ++i) name += "Thu gom rác ";  // 'á' is two octets
  ICalendarWriter ics("Lịch");
  ics.Text("SUMMARY", name);
  std::string feed = ics.Finish();
  EXPECT_TRUE(text::IsValidUtf8(feed));
  std::string unfolded;
  for (const std::string& line : PhysicalLines(feed)) {
    EXPECT_LE(line.size(), 75u) << line;
    if (line[0] == ' ')
      unfolded += line.substr(1);
    else
      unfolded += "\n" + line;
  }
  EXPECT_NE(unfolded.find("\nSUMMARY:" + name + "\n"), std::string::npos);
}

TEST(ICalendarWriterTest, BytesThatAreNotUtf8StillFold) {
  // 100 continuation bytes: no character boundary to fold at. This used to loop forever.
  ICalendarWriter ics("x");
  ics.Line("X-RAW:" + std::string(100, '\x80'));
  for (const std::string& line : PhysicalLines(ics.Finish())) EXPECT_LE(line.size(), 75u);
}

TEST(ICalendarWriterTest, EscapesTextValues) {
  EXPECT_EQ(ICalendarWriter::Escape("a;b,c\\d\r\ne"), "a\\;b\\,c\\\\d\\ne");
}

}  // namespace
}  // namespace laso::waste
