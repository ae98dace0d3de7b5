#pragma once

#include "common/config/config.h"
#include "common/redis/client.h"

namespace laso::redis {

// The redis.* keys of the laso configuration.
Options OptionsFromConfig(const config::Config& config);

}  // namespace laso::redis
