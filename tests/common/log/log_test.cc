#include "common/log/log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace laso::log {
namespace {

using nlohmann::json;

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Configure("testsvc", Level::kInfo, [this](absl::string_view line) { lines_.emplace_back(line); });
  }
  void TearDown() override { Configure("laso", Level::kInfo); }
  json Last() { return json::parse(lines_.back()); }
  std::vector<std::string> lines_;
};

TEST_F(LogTest, WritesOneJsonObjectPerLine) {
  Info("dossier synced", {{"count", 12}, {"ratio", 0.5}, {"ok", true}, {"agency", "H15.50"}});
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_EQ(lines_[0].find('\n'), std::string::npos);
  json j = Last();
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["service"], "testsvc");
  EXPECT_EQ(j["msg"], "dossier synced");
  EXPECT_EQ(j["count"], 12);
  EXPECT_EQ(j["ratio"], 0.5);
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["agency"], "H15.50");
  EXPECT_TRUE(j["time"].get<std::string>().ends_with("Z"));
}

TEST_F(LogTest, FiltersByLevel) {
  Debug("not shown");
  Warn("shown");
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_EQ(Last()["level"], "warn");
}

TEST_F(LogTest, CarriesTheScopedRequestId) {
  {
    ScopedRequestId id("req-1");
    Info("inside");
    EXPECT_EQ(Last()["request_id"], "req-1");
  }
  Info("outside");
  EXPECT_FALSE(Last().contains("request_id"));
}

TEST_F(LogTest, NeverWritesSecretsOrPhones) {
  Info("login from 0987654321", {{"accessToken", "EAAB-secret-token"}, {"phone", "84987654321"},
                                 {"body", "{\"password\":\"x\"}"}});
  EXPECT_EQ(lines_[0].find("secret-token"), std::string::npos);
  EXPECT_EQ(lines_[0].find("84987654321"), std::string::npos);
  EXPECT_EQ(lines_[0].find("0987654321"), std::string::npos);
  EXPECT_EQ(lines_[0].find("password"), std::string::npos);
  json j = Last();
  EXPECT_EQ(j["accessToken"], "[redacted]");
  EXPECT_EQ(j["phone"], "84987***321");
  EXPECT_EQ(j["msg"], "login from 0987***321");
}

TEST_F(LogTest, InvalidUtf8DoesNotBreakTheLine) {
  Info(std::string("bad \xff\xfe bytes"), {{"field", std::string("\xc3\x28")}});
  EXPECT_NO_THROW(Last());
}

TEST_F(LogTest, ReservedKeysCannotBeOverwritten) {
  Info("real", {{"msg", "fake"}, {"level", "error"}});
  EXPECT_EQ(Last()["msg"], "real");
  EXPECT_EQ(Last()["level"], "info");
}

TEST(LogLevelTest, Parses) {
  Level level;
  EXPECT_TRUE(ParseLevel("warn", &level));
  EXPECT_EQ(level, Level::kWarn);
  EXPECT_FALSE(ParseLevel("loud", &level));
}

}  // namespace
}  // namespace laso::log
