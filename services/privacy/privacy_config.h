#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "services/privacy/request_book.h"

// The privacy service's configuration keys (privacy.*) and the options it runs
// with, read and checked in one place: errors name the key.
namespace laso::privacy {

void AddConfigKeys(config::Schema& s);

struct PrivacyConfig {
  std::string notice_dir;
  RequestOptions requests;
  absl::Duration sweep_interval = absl::Minutes(10);
};

absl::StatusOr<PrivacyConfig> PrivacyConfigFrom(const config::Config& c);

}  // namespace laso::privacy
