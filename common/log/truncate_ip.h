#pragma once

#include <string>

namespace laso::log {

// For logs and records that must not hold a full address: the last IPv4 octet
// or the last 80 bits of IPv6 zeroed ("113.161.5.0"); "" for what is not an IP.
std::string TruncateIp(const std::string& ip);

}  // namespace laso::log
