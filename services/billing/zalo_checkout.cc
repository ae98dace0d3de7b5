#include "services/billing/zalo_checkout.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"

namespace laso::billing {
namespace {

std::string Text(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

bool VerifyHex(const crypto::HmacSha256Key& key, const std::string& input, const nlohmann::ordered_json& mac) {
  std::string raw;
  if (!mac.is_string() || !crypto::HexDecode(mac.get<std::string>(), &raw)) return false;
  return key.Verify(input, raw);
}

}  // namespace

std::string MacInput(const nlohmann::ordered_json& data, const std::vector<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) {
    if (!out.empty()) out += '&';
    absl::StrAppend(&out, k, "=", data.contains(k) ? Text(data[k]) : "");
  }
  return out;
}

std::string SortedMacInput(const nlohmann::ordered_json& data) {
  std::vector<std::string> keys;
  for (auto it = data.begin(); it != data.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  return MacInput(data, keys);
}

std::string ZaloCheckout::OrderMac(const nlohmann::ordered_json& order) const {
  return crypto::Hex(key_.Sign(MacInput(order, {"amount", "desc", "extradata", "item", "method"})));
}

absl::StatusOr<ZaloCheckout::Callback> ZaloCheckout::VerifyCallback(absl::string_view body) const {
  auto j = nlohmann::ordered_json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("data") || !j["data"].is_object()) {
    return absl::InvalidArgumentError("callback is not {data, mac, overallMac}");
  }
  Callback cb;
  cb.data = j["data"];
  static const std::vector<std::string> kSigned = {"appId",   "amount",     "description", "orderId",
                                                   "message", "resultCode", "transId"};
  cb.mac_ok = VerifyHex(key_, MacInput(cb.data, kSigned), j.value("mac", nlohmann::ordered_json()));
  cb.overall_mac_ok = VerifyHex(key_, SortedMacInput(cb.data), j.value("overallMac", nlohmann::ordered_json()));
  return cb;
}

}  // namespace laso::billing
