#pragma once

#include <array>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace laso::gateway {

// A set of IPv4/IPv6 ranges ("10.0.0.0/8", "::1/128", "192.168.1.7").
class IpRanges {
 public:
  static absl::StatusOr<IpRanges> Parse(const std::vector<std::string>& cidrs);
  bool Contains(const std::string& ip) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    std::array<unsigned char, 16> address;  // IPv4 as v4-mapped IPv6
    int prefix;
  };
  std::vector<Range> ranges_;
};

// The client's address: the peer, unless the peer is a trusted proxy, in which
// case the right-most X-Forwarded-For entry that is not itself a trusted proxy.
std::string ClientIp(const IpRanges& trusted_proxies, const std::string& peer, absl::string_view forwarded_for);

}  // namespace laso::gateway
