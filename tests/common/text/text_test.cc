#include "common/text/text.h"

#include <gtest/gtest.h>

#include "common/status/status.h"

namespace laso::text {
namespace {

// "Tân An" typed with combining marks (NFD): a + U+0302, then nothing else needed.
const char kTanAnDecomposed[] = "Ta\xcc\x82n An";

TEST(TextTest, FoldsVietnameseForSearch) {
  EXPECT_EQ(FoldForSearch("Tân An"), "tan an");
  EXPECT_EQ(FoldForSearch("ĐƯỜNG Hùng Vương"), "duong hung vuong");
  EXPECT_EQ(FoldForSearch("Pin, ắc quy"), "pin, ac quy");
  EXPECT_EQ(FoldForSearch("  Phường 2,\t TÂN AN \n"), "phuong 2, tan an");
  EXPECT_EQ(FoldForSearch("Thủ Thừa, Bến Lức, Đức Hòa"), "thu thua, ben luc, duc hoa");
  EXPECT_EQ(FoldForSearch(kTanAnDecomposed), "tan an");
  EXPECT_EQ(FoldForSearch(""), "");
}

TEST(TextTest, NfcComposesDecomposedInput) {
  EXPECT_EQ(ToNfc(kTanAnDecomposed), "Tân An");
  EXPECT_EQ(ToNfc("Tân An"), "Tân An");
  EXPECT_NE(std::string(kTanAnDecomposed), "Tân An");
}

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("Long An Số"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("T\xc3"));             // truncated
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST(TextTest, ScrubReplacesWhatIsNotUtf8) {
  EXPECT_EQ(ScrubUtf8("Long An Số"), "Long An Số");
  EXPECT_EQ(ScrubUtf8("a\xff" "b\xc0\xaf"), "a\uFFFDb\uFFFD\uFFFD");
  EXPECT_EQ(ScrubUtf8("T\xc3"), "T\uFFFD");
  EXPECT_TRUE(IsValidUtf8(ScrubUtf8("\xed\xa0\x80\xf4\x90\x80\x80")));
}

TEST(TextTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePointCount("Tân An"), 6u);
  EXPECT_EQ(CodePointCount("Đường"), 5u);
}

TEST(TextTest, ValidateText) {
  EXPECT_TRUE(ValidateText("description", "Ổ gà lớn trước số 12 Hùng Vương", 10, 4000).ok());
  absl::Status too_short = ValidateText("description", "Ổ gà", 10, 4000);
  EXPECT_EQ(too_short.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(FieldViolations(too_short).size(), 1u);
  EXPECT_EQ(FieldViolations(too_short)[0].field, "description");
  EXPECT_FALSE(ValidateText("description", std::string(4001, 'a'), 10, 4000).ok());
  EXPECT_FALSE(ValidateText("description", "bad \xff bytes here", 1, 100).ok());
  EXPECT_FALSE(ValidateText("description", std::string("nul \0 inside", 12), 1, 100).ok());
  EXPECT_TRUE(ValidateText("description", "dòng 1\ndòng 2\tcó tab", 1, 100).ok());
}

}  // namespace
}  // namespace laso::text
