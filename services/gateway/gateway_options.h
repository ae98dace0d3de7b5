#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/crypto/key_file.h"
#include "common/http/server.h"
#include "common/redis/client.h"
#include "services/gateway/rate_limiter.h"
#include "common/auth/session_tokens.h"
#include "services/gateway/zalo_graph_client.h"

namespace laso::gateway {

struct GatewayOptions {
  http::ServerOptions http;
  std::vector<std::string> backends;
  absl::Duration health_interval = absl::ZeroDuration();  // 0: no probing
  absl::Duration revocation_poll = absl::Seconds(1);
  absl::Duration revocation_max_age = absl::Seconds(5);
  absl::Duration default_deadline = absl::Seconds(5);
  std::map<std::string, absl::Duration> route_deadlines;  // "package.Service/Method"
  std::vector<std::string> descriptor_sets;
  std::vector<std::string> trusted_proxies;
  std::vector<std::string> cors_origins;
  absl::Duration cors_max_age = absl::Minutes(10);
  std::vector<std::string> metrics_allow;
  std::string console_dir;  // "": the console is not served
  int display_offset_minutes = 7 * 60;
  std::string jwt_key_file;
  crypto::MissingKey missing_keys = crypto::MissingKey::kCreate;  // keys.create_missing
  auth::TokenOptions tokens;
  ZaloOptions zalo;
  absl::Duration zalo_cache_ttl = absl::Hours(1);
  std::map<std::string, ClassLimits> rate_limits;
  redis::Options redis;
  std::string internal_key_file;
  std::string data_dir;
  absl::Duration identity_max_age = absl::Minutes(5);
};

// The gateway's configuration keys: http.*, gateway.*, auth.*, ratelimit.* and
// the Zalo Graph API.
void AddConfigKeys(config::Schema& s);

// Everything the gateway reads from configuration, validated (errors name the key).
absl::StatusOr<GatewayOptions> GatewayOptionsFromConfig(const config::Config& config);

}  // namespace laso::gateway
