#include "common/redis/options.h"

#include "absl/strings/numbers.h"

namespace laso::redis {

Options OptionsFromConfig(const config::Config& config) {
  Options options;
  options.host = config.Host("redis.address");
  options.port = config.Port("redis.address");
  options.password = config.String("redis.password");
  for (const std::string& sentinel : config.List("redis.sentinels")) {
    size_t colon = sentinel.rfind(':');
    int port = 0;
    if (colon != std::string::npos && absl::SimpleAtoi(sentinel.substr(colon + 1), &port)) {
      options.sentinels.push_back(Endpoint{sentinel.substr(0, colon), port});
    }
  }
  options.master_name = config.String("redis.master_name");
  options.pool_size = static_cast<int>(config.Int("redis.pool_size"));
  options.connect_timeout = config.Duration("redis.connect_timeout");
  options.command_timeout = config.Duration("redis.command_timeout");
  options.breaker_cooldown = config.Duration("redis.breaker_cooldown");
  return options;
}

}  // namespace laso::redis
