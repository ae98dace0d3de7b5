#pragma once

#include <string>

#include "laso/feedback/v1/feedback.pb.h"

// The Vietnamese words staff and spreadsheets see for enum values.
namespace laso::feedback {

// "HOTLINE" -> "Tổng đài 1022"; an unknown name as it is.
std::string ChannelLabel(const std::string& name);
std::string ChannelLabel(v1::Channel channel);
// "Thấp", "Bình thường", "Cao", "Khẩn".
std::string PriorityLabel(v1::Priority priority);

}  // namespace laso::feedback
