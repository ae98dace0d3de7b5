#include "common/log/truncate_ip.h"

#include <arpa/inet.h>

#include <cstring>

namespace laso::log {

std::string TruncateIp(const std::string& ip) {
  in_addr a4;
  in6_addr a6;
  char buf[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, ip.c_str(), &a4) == 1) {
    reinterpret_cast<unsigned char*>(&a4)[3] = 0;
    return inet_ntop(AF_INET, &a4, buf, sizeof(buf));
  }
  if (inet_pton(AF_INET6, ip.c_str(), &a6) == 1) {
    std::memset(reinterpret_cast<unsigned char*>(&a6) + 6, 0, 10);
    return inet_ntop(AF_INET6, &a6, buf, sizeof(buf));
  }
  return "";
}

}  // namespace laso::log
