#include "common/http/url.h"

#include <gtest/gtest.h>

namespace laso::http {
namespace {

TEST(UrlTest, PercentDecoding) {
  EXPECT_EQ(*PercentDecode("T%C3%A2n%20An", false), "Tân An");
  EXPECT_EQ(*PercentDecode("a+b", true), "a b");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
  EXPECT_FALSE(PercentDecode("%zz", false).has_value());
  EXPECT_FALSE(PercentDecode("%4", false).has_value());
  EXPECT_FALSE(PercentDecode("abc%", false).has_value());
  EXPECT_EQ(PercentEncode("Tân An/1"), "T%C3%A2n%20An%2F1");
}

TEST(UrlTest, Queries) {
  auto q = ParseQuery("a=1&b=x%20y&a=2&flag&=empty");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(*q, (QueryParams{{"a", "1"}, {"b", "x y"}, {"a", "2"}, {"flag", ""}, {"", "empty"}}));
  EXPECT_FALSE(ParseQuery("a=%zz").ok());
  auto [path, query] = SplitTarget("/v1/x?y=1");
  EXPECT_EQ(path, "/v1/x");
  EXPECT_EQ(query, "y=1");
}

TEST(UrlTest, Urls) {
  auto u = ParseUrl("https://graph.zalo.me/v2.0/me?fields=id");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "graph.zalo.me");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->target, "/v2.0/me?fields=id");
  auto local = ParseUrl("http://127.0.0.1:8090");
  EXPECT_EQ(local->port, "8090");
  EXPECT_EQ(local->target, "/");
  EXPECT_FALSE(ParseUrl("ftp://x").ok());
  EXPECT_FALSE(ParseUrl("graph.zalo.me").ok());
  EXPECT_FALSE(ParseUrl("http:///x").ok());
}

}  // namespace
}  // namespace laso::http
