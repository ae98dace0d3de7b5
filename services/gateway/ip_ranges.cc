#include "services/gateway/ip_ranges.h"

#include <arpa/inet.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace laso::gateway {
namespace {

bool ToBytes(absl::string_view text, std::array<unsigned char, 16>* out, bool* v4) {
  std::string s(absl::StripAsciiWhitespace(text));
  in_addr a4;
  in6_addr a6;
  if (inet_pton(AF_INET, s.c_str(), &a4) == 1) {
    out->fill(0);
    (*out)[10] = (*out)[11] = 0xff;
    std::memcpy(out->data() + 12, &a4, 4);
    *v4 = true;
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), &a6) == 1) {
    std::memcpy(out->data(), &a6, 16);
    *v4 = false;
    return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<IpRanges> IpRanges::Parse(const std::vector<std::string>& cidrs) {
  IpRanges out;
  for (const std::string& cidr : cidrs) {
    std::vector<absl::string_view> parts = absl::StrSplit(cidr, '/');
    Range range;
    bool v4 = false;
    if (parts.empty() || parts.size() > 2 || !ToBytes(parts[0], &range.address, &v4)) {
      return absl::InvalidArgumentError(absl::StrCat("\"", cidr, "\" is not an IP address or range"));
    }
    int bits = v4 ? 32 : 128;
    range.prefix = bits;
    if (parts.size() == 2 && (!absl::SimpleAtoi(parts[1], &range.prefix) || range.prefix < 0 || range.prefix > bits)) {
      return absl::InvalidArgumentError(absl::StrCat("\"", cidr, "\" has a bad prefix length"));
    }
    if (v4) range.prefix += 96;
    out.ranges_.push_back(range);
  }
  return out;
}

bool IpRanges::Contains(const std::string& ip) const {
  std::array<unsigned char, 16> bytes;
  bool v4;
  if (!ToBytes(ip, &bytes, &v4)) return false;
  for (const Range& r : ranges_) {
    int full = r.prefix / 8, rest = r.prefix % 8;
    if (std::memcmp(bytes.data(), r.address.data(), full) != 0) continue;
    if (rest != 0) {
      unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
      if ((bytes[full] & mask) != (r.address[full] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string ClientIp(const IpRanges& trusted_proxies, const std::string& peer, absl::string_view forwarded_for) {
  if (forwarded_for.empty() || !trusted_proxies.Contains(peer)) return peer;
  std::vector<absl::string_view> hops = absl::StrSplit(forwarded_for, ',');
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    std::string hop(absl::StripAsciiWhitespace(*it));
    std::array<unsigned char, 16> bytes;
    bool v4;
    if (!ToBytes(hop, &bytes, &v4)) return peer;  // garbage: trust nothing further
    if (!trusted_proxies.Contains(hop)) return hop;
  }
  return peer;
}

}  // namespace laso::gateway
