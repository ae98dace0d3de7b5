#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "services/waste/waste_collection.h"

// The waste service's configuration keys (waste.*) and the options it runs
// with, read and checked in one place: errors name the key.
namespace laso::waste {

void AddConfigKeys(config::Schema& s);

struct WasteConfig {
  WasteOptions collection;  // the boundary loaded
  std::string guide_file;
  absl::Duration history_retention;
};

absl::StatusOr<WasteConfig> WasteConfigFrom(const config::Config& c);

}  // namespace laso::waste
