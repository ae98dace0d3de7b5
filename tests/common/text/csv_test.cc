#include "common/text/csv.h"

#include <gtest/gtest.h>

namespace laso::text {
namespace {

TEST(CsvWriterTest, StartsWithTheBomAndTheHeader) {
  CsvWriter csv({"Mã", "Nội dung"});
  EXPECT_EQ(csv.data(), "\xEF\xBB\xBFMã,Nội dung\r\n");
  EXPECT_EQ(csv.rows(), 0);
}

TEST(CsvWriterTest, QuotesOnlyWhatNeedsIt) {
  CsvWriter csv({"a"});
  csv.Text("Ổ gà, trước số 12").Text("nói \"gấp\"").Text("hai\ndòng").Value("1022-2026-000001").Number(int64_t{42});
  csv.EndRow();
  EXPECT_EQ(csv.data().substr(kUtf8Bom.size() + 3),
            "\"Ổ gà, trước số 12\",\"nói \"\"gấp\"\"\",\"hai\ndòng\",1022-2026-000001,42\r\n");
  EXPECT_EQ(csv.rows(), 1);
}

TEST(CsvWriterTest, TypedTextCannotBecomeAFormula) {
  CsvWriter csv({"a"});
  csv.Text("=HYPERLINK(\"http://x\")").Text("+84901234567").Text("-1").Text("@SUM(A1)").Text("bình thường");
  csv.EndRow();
  EXPECT_EQ(csv.data().substr(kUtf8Bom.size() + 3),
            "\"'=HYPERLINK(\"\"http://x\"\")\",'+84901234567,'-1,'@SUM(A1),bình thường\r\n");
}

TEST(CsvWriterTest, OwnValuesAreWrittenAsTheyAre) {
  CsvWriter csv({"a"});
  csv.Number(-10.5366, 6).Number(2.0 / 3 * 100, 1).Value("-");
  csv.EndRow();
  EXPECT_EQ(csv.data().substr(kUtf8Bom.size() + 3), "-10.536600,66.7,-\r\n");
}

}  // namespace
}  // namespace laso::text
