#include "common/log/json_line.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace laso::log {
namespace {

std::string Quote(absl::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

TEST(JsonLineTest, EscapesWhatJsonRequires) {
  EXPECT_EQ(Quote("a\"b\\c\nd\te\r"), R"("a\"b\\c\nd\te\r")");
  EXPECT_EQ(Quote(std::string("\x01\x1f\x7f", 3)), R"("\u0001\u001f\u007f")");
  EXPECT_EQ(Quote("Phường Tân An"), "\"Phường Tân An\"");
}

TEST(JsonLineTest, InvalidUtf8BecomesReplacementCharacters) {
  for (const std::string& bad : {std::string("\xff"), std::string("\xc0\xaf"), std::string("\xed\xa0\x80"),
                                 std::string("T\xc3"), std::string("\xf4\x90\x80\x80")}) {
    std::string quoted = Quote(bad);
    nlohmann::json parsed = nlohmann::json::parse(quoted, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << quoted;
    EXPECT_NE(parsed.get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
  }
}

TEST(JsonLineTest, AgreesWithAJsonParserOnEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  EXPECT_FALSE(nlohmann::json::parse(Quote(all), nullptr, false).is_discarded());
}

}  // namespace
}  // namespace laso::log
