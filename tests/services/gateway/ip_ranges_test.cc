#include "services/gateway/ip_ranges.h"
#include "common/log/truncate_ip.h"

#include <gtest/gtest.h>

namespace laso::gateway {
namespace {

TEST(IpRangesTest, Contains) {
  auto ranges = IpRanges::Parse({"10.0.0.0/8", "192.168.1.7", "::1/128", "2001:db8::/32"});
  ASSERT_TRUE(ranges.ok()) << ranges.status();
  EXPECT_TRUE(ranges->Contains("10.1.2.3"));
  EXPECT_FALSE(ranges->Contains("11.0.0.1"));
  EXPECT_TRUE(ranges->Contains("192.168.1.7"));
  EXPECT_FALSE(ranges->Contains("192.168.1.8"));
  EXPECT_TRUE(ranges->Contains("::1"));
  EXPECT_TRUE(ranges->Contains("2001:db8:1::5"));
  EXPECT_FALSE(ranges->Contains("not an ip"));
  EXPECT_FALSE(IpRanges::Parse({"10.0.0.0/33"}).ok());
  EXPECT_FALSE(IpRanges::Parse({"nonsense"}).ok());
}

TEST(IpRangesTest, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  auto proxies = *IpRanges::Parse({"10.0.0.0/8"});
  EXPECT_EQ(ClientIp(proxies, "203.0.113.9", "1.2.3.4"), "203.0.113.9");  // not a proxy: ignore the header
  EXPECT_EQ(ClientIp(proxies, "10.0.0.2", "1.2.3.4"), "1.2.3.4");
  EXPECT_EQ(ClientIp(proxies, "10.0.0.2", "6.6.6.6, 1.2.3.4, 10.0.0.3"), "1.2.3.4");  // right-most untrusted
  EXPECT_EQ(ClientIp(proxies, "10.0.0.2", "garbage"), "10.0.0.2");
  EXPECT_EQ(ClientIp(proxies, "10.0.0.2", ""), "10.0.0.2");
}

TEST(IpRangesTest, TruncatesForLogs) {
  EXPECT_EQ(log::TruncateIp("203.0.113.9"), "203.0.113.0");
  EXPECT_EQ(log::TruncateIp("2001:db8:1:2:3:4:5:6"), "2001:db8:1::");
  EXPECT_EQ(log::TruncateIp("x"), "");
}

}  // namespace
}  // namespace laso::gateway
