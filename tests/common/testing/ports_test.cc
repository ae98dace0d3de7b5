#include "common/testing/ports.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <set>

#include <gtest/gtest.h>

namespace laso::testing {
namespace {

TEST(PortsTest, DrawsDistinctPortsBelowTheKernelsEphemeralRange) {
  int ephemeral_start = 32768, ephemeral_end = 60999;
  std::ifstream("/proc/sys/net/ipv4/ip_local_port_range") >> ephemeral_start >> ephemeral_end;
  std::set<int> ports;
  for (int i = 0; i < 50; ++i) {
    int port = FreePort();
    EXPECT_LT(port, ephemeral_start);
    EXPECT_GT(port, 1024);
    EXPECT_TRUE(ports.insert(port).second) << port << " drawn twice";
  }
}

TEST(PortsTest, ADrawnPortIsClaimedAgainstOtherTestProcesses) {
  int port = FreePort();
  // Another process would open the shared lock file on its own and try the port's byte.
  int fd = ::open("/tmp/laso-test-ports.lock", O_RDWR | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  struct flock range {};
  range.l_type = F_WRLCK;
  range.l_whence = SEEK_SET;
  range.l_start = port;
  range.l_len = 1;
  EXPECT_NE(::fcntl(fd, F_OFD_SETLK, &range), 0) << "port " << port << " is not claimed";
  range.l_start = 5000;  // a byte nobody draws is free
  EXPECT_EQ(::fcntl(fd, F_OFD_SETLK, &range), 0);
  ::close(fd);
}

}  // namespace
}  // namespace laso::testing
