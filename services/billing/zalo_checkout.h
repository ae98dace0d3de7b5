#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "common/crypto/hmac_key.h"

// Zalo Mini App Checkout, both directions:
// - an order for Payment.createOrder carries mac = hex HMAC-SHA256(private
//   key, "amount=..&desc=..&extradata=..&item=..&method=..") with the keys
//   sorted and objects JSON-stringified;
// - Zalo's callback {data, mac, overallMac} carries mac over
//   "appId=..&amount=..&description=..&orderId=..&message=..&resultCode=..&transId=.."
//   and overallMac over every key of data, sorted, the same way.
// Both are checked in constant time.
namespace laso::billing {

// "k1=v1&k2=v2..." in the order given; strings as they are, other JSON values
// as JSON text (numbers as written, objects stringified).
std::string MacInput(const nlohmann::ordered_json& data, const std::vector<std::string>& keys);
std::string SortedMacInput(const nlohmann::ordered_json& data);

class ZaloCheckout {
 public:
  explicit ZaloCheckout(const std::string& private_key) : key_(private_key) {}

  // Hex MAC of an order's fields (amount, desc, extradata, item, method).
  std::string OrderMac(const nlohmann::ordered_json& order) const;

  struct Callback {
    nlohmann::ordered_json data;
    bool mac_ok = false;
    bool overall_mac_ok = false;
  };
  // Parses Zalo's callback body and checks both MACs; INVALID_ARGUMENT when
  // it is not the callback's shape.
  absl::StatusOr<Callback> VerifyCallback(absl::string_view body) const;

 private:
  crypto::HmacSha256Key key_;
};

}  // namespace laso::billing
