#pragma once

#include <map>
#include <string>

#include "absl/strings/string_view.h"

namespace laso::gateway {

// Merges the Prometheus text expositions of several processes into one, adding
// service="<name>" to every sample and keeping each metric family together
// under a single HELP and TYPE, as the format requires.
std::string MergeMetrics(const std::map<std::string, std::string>& text_by_service);

}  // namespace laso::gateway
