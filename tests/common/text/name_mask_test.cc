#include "common/text/name_mask.h"

#include <gtest/gtest.h>

namespace laso::text {
namespace {

TEST(NameMaskTest, KeepsJustEnoughToRecognise) {
  EXPECT_EQ(MaskName("Nguyễn Văn An"), "Ng*** V** A");
  EXPECT_EQ(MaskName("  Trần   Thị Ngọc   Bích "), "Tr*** T** N** B");
  EXPECT_EQ(MaskName("Đặng Hùng"), "Đặ*** H");
  EXPECT_EQ(MaskName("Lan"), "L***");
  EXPECT_EQ(MaskName(""), "");
  EXPECT_EQ(MaskName("\xff\xfe"), "***");
}

}  // namespace
}  // namespace laso::text
