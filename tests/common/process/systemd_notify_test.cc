// sd_notify's protocol against a real Unix datagram socket, as systemd listens.
#include "common/process/systemd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <gtest/gtest.h>

#include "common/testing/temp_dir.h"

namespace laso::process {
namespace {

TEST(SystemdNotifyTest, ReadyAndStoppingReachTheNotifySocket) {
  testing::TempDir dir;
  std::string path = dir.File("notify.sock");
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  timeval timeout{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));

  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  NotifyReady();
  NotifyStopping();
  ::unsetenv("NOTIFY_SOCKET");
  NotifyReady();  // outside systemd: nothing sent, nothing fails

  char buffer[64];
  ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buffer, n), "READY=1");
  n = ::recv(fd, buffer, sizeof(buffer), 0);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buffer, n), "STOPPING=1");
  EXPECT_LT(::recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT), 0);
  ::close(fd);
}

}  // namespace
}  // namespace laso::process
