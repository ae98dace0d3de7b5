#include "common/testing/ports.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"

namespace laso::testing {
namespace {

// The kernel draws the ports of bind(0) and of outgoing connections from
// ip_local_port_range (32768-60999 by default). A test port taken from that
// range can be handed to someone else while its server is down for a restart.
int EphemeralRangeStart() {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 0, high = 0;
  if (!(in >> low >> high)) return 32768;
  return low;
}

sockaddr_in Loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  return addr;
}

bool CanBind(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));  // as servers bind: TIME_WAIT is no obstacle
  sockaddr_in addr = Loopback(port);
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

// Claims `port` for this process's lifetime: a lock on byte `port` of one file
// every test process agrees on, which the kernel lets go of when the process
// ends, even by a crash. Ports this process already drew are remembered, since
// its own locks never stand in its way.
// Called under FreePort's mutex.
bool Claim(int port) {
  static auto* drawn = new absl::flat_hash_set<int>();
  static const int fd = ::open("/tmp/laso-test-ports.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0 || drawn->contains(port)) return false;
  struct flock range {};
  range.l_type = F_WRLCK;
  range.l_whence = SEEK_SET;
  range.l_start = port;
  range.l_len = 1;
  if (::fcntl(fd, F_OFD_SETLK, &range) != 0) return false;
  drawn->insert(port);
  return true;
}

int KernelChosenPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = Loopback(0);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

int FreePort() {
  static constexpr int kLowest = 10000;
  const int end = EphemeralRangeStart();
  if (end - kLowest < 1000) return KernelChosenPort();
  static absl::Mutex mu;
  static std::mt19937 random(std::random_device{}());
  absl::MutexLock lock(&mu);
  std::uniform_int_distribution<int> pick(kLowest, end - 1);
  for (int attempt = 0; attempt < 200; ++attempt) {
    int port = pick(random);
    if (Claim(port) && CanBind(port)) return port;  // a claimed port in use elsewhere stays claimed, unused
  }
  return KernelChosenPort();
}

bool PortAcceptsConnections(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = Loopback(port);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

}  // namespace laso::testing
