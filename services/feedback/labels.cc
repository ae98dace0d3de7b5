#include "services/feedback/labels.h"

#include <map>

namespace laso::feedback {

std::string ChannelLabel(const std::string& name) {
  static const std::map<std::string, std::string> kLabels = {
      {"APP", "Ứng dụng Long An Số"}, {"ZALO_MINI_APP", "Zalo Mini App"}, {"HOTLINE", "Tổng đài 1022"},
      {"WEB", "Cổng thông tin"},      {"EMAIL", "Thư điện tử"},           {"OPEN311", "Hệ thống liên kết (Open311)"}};
  auto it = kLabels.find(name);
  return it == kLabels.end() ? name : it->second;
}

std::string ChannelLabel(v1::Channel channel) {
  return channel == v1::CHANNEL_UNSPECIFIED ? "" : ChannelLabel(v1::Channel_Name(channel));
}

std::string PriorityLabel(v1::Priority priority) {
  switch (priority) {
    case v1::LOW: return "Thấp";
    case v1::HIGH: return "Cao";
    case v1::URGENT: return "Khẩn";
    default: return "Bình thường";
  }
}

}  // namespace laso::feedback
