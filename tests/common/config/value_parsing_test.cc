#include "common/config/value_parsing.h"

#include <gtest/gtest.h>

namespace laso::config {
namespace {

TEST(ValueParsingTest, Durations) {
  absl::Duration d;
  ASSERT_TRUE(ParseDurationWithDays("250ms", &d));
  EXPECT_EQ(d, absl::Milliseconds(250));
  ASSERT_TRUE(ParseDurationWithDays("30d", &d));
  EXPECT_EQ(d, absl::Hours(720));
  ASSERT_TRUE(ParseDurationWithDays("1d12h", &d));
  EXPECT_EQ(d, absl::Hours(36));
  EXPECT_FALSE(ParseDurationWithDays("5", &d));
  EXPECT_FALSE(ParseDurationWithDays("-5s", &d));
  EXPECT_FALSE(ParseDurationWithDays("xd", &d));
}

TEST(ValueParsingTest, Addresses) {
  std::string host;
  int port;
  ASSERT_TRUE(ParseAddress("127.0.0.1:8080", &host, &port));
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseAddress("[::1]:0", &host, &port));
  EXPECT_EQ(host, "::1");
  EXPECT_FALSE(ParseAddress(":80", &host, &port));
  EXPECT_FALSE(ParseAddress("localhost", &host, &port));
  EXPECT_FALSE(ParseAddress("h:-1", &host, &port));
}

TEST(ValueParsingTest, EndpointsAreAddressesOrUnixSocketPaths) {
  EXPECT_TRUE(IsEndpoint("127.0.0.1:7102"));
  EXPECT_TRUE(IsEndpoint("unix:/run/laso/dossier.sock"));
  EXPECT_FALSE(IsEndpoint("unix:relative.sock"));
  EXPECT_FALSE(IsEndpoint("unix:/" + std::string(200, 'a')));
  EXPECT_FALSE(IsEndpoint("dossier.sock"));
}

TEST(ValueParsingTest, BoolsAndLists) {
  bool b;
  ASSERT_TRUE(ParseBool("Yes", &b));
  EXPECT_TRUE(b);
  ASSERT_TRUE(ParseBool("off", &b));
  EXPECT_FALSE(b);
  EXPECT_FALSE(ParseBool("2", &b));
  EXPECT_EQ(SplitList(" a, b ,,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(SplitList("").empty());
}

}  // namespace
}  // namespace laso::config
