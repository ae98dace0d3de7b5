#include "common/redis/options.h"

namespace laso::redis {

Options OptionsFromConfig(const config::Config& config) {
  Options options;
  options.host = config.Host("redis.address");
  options.port = config.Port("redis.address");
  options.password = config.String("redis.password");
  options.pool_size = static_cast<int>(config.Int("redis.pool_size"));
  options.connect_timeout = config.Duration("redis.connect_timeout");
  options.command_timeout = config.Duration("redis.command_timeout");
  options.breaker_cooldown = config.Duration("redis.breaker_cooldown");
  return options;
}

}  // namespace laso::redis
