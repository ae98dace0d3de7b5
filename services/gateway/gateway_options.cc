#include "services/gateway/gateway_options.h"

#include "absl/strings/str_cat.h"
#include "common/config/value_parsing.h"
#include "common/redis/options.h"
#include "services/gateway/json_printer.h"

namespace laso::gateway {

absl::StatusOr<GatewayOptions> GatewayOptionsFromConfig(const config::Config& c) {
  GatewayOptions o;
  o.data_dir = c.String("data_dir");
  o.http.host = c.String("http.host");
  o.http.port = static_cast<int>(c.Int("http.port"));
  o.http.threads = static_cast<int>(c.Int("http.threads"));
  o.http.max_connections = static_cast<int>(c.Int("http.max_connections"));
  o.http.max_header_bytes = static_cast<uint32_t>(c.Int("http.max_header_bytes"));
  o.http.max_body_bytes = static_cast<uint64_t>(c.Int("http.max_body_bytes"));
  o.http.header_timeout = c.Duration("http.header_timeout");
  o.http.body_timeout = c.Duration("http.body_timeout");
  o.http.idle_timeout = c.Duration("http.idle_timeout");
  o.http.tls_cert_file = c.String("http.tls_cert_file");
  o.http.tls_key_file = c.String("http.tls_key_file");
  if (o.http.tls_cert_file.empty() != o.http.tls_key_file.empty()) {
    return absl::InvalidArgumentError("config keys 'http.tls_cert_file' and 'http.tls_key_file' go together");
  }

  o.backends = c.List("gateway.backends");
  o.default_deadline = c.Duration("gateway.deadline");
  for (const std::string& entry : c.List("gateway.route_deadlines")) {
    size_t eq = entry.find('=');
    absl::Duration d;
    if (eq == std::string::npos || entry.find('/') > eq ||
        !config::ParseDurationWithDays(entry.substr(eq + 1), &d) || d <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError(absl::StrCat("config key 'gateway.route_deadlines': \"", entry,
                                                     "\" is not package.Service/Method=duration"));
    }
    o.route_deadlines[entry.substr(0, eq)] = d;
  }
  o.descriptor_sets = c.List("gateway.descriptor_sets");
  o.trusted_proxies = c.List("gateway.trusted_proxies");
  o.cors_origins = c.List("gateway.cors_origins");
  o.cors_max_age = c.Duration("gateway.cors_max_age");
  o.metrics_allow = c.List("gateway.metrics_allow");
  if (!ParseUtcOffset(c.String("gateway.display_utc_offset"), &o.display_offset_minutes)) {
    return absl::InvalidArgumentError("config key 'gateway.display_utc_offset' is not an offset like +07:00");
  }

  o.jwt_key_file = c.String("auth.jwt_key_file");
  if (o.jwt_key_file.empty()) o.jwt_key_file = absl::StrCat(o.data_dir, "/keys/gateway-jwt.key");
  o.tokens.issuer = c.String("auth.issuer");
  o.tokens.audience = c.String("auth.audience");
  o.tokens.session_ttl = c.Duration("auth.session_ttl");

  o.zalo.graph_base_url = c.String("zalo.graph_base_url");
  o.zalo.app_secret = c.String("zalo.app_secret");
  o.zalo.timeout = c.Duration("zalo.timeout");
  o.zalo_cache_ttl = c.Duration("zalo.token_cache_ttl");

  for (const char* name : {"login", "guess", "lookup", "write", "default"}) {
    ClassLimits limits;
    c.Rate(absl::StrCat("ratelimit.", name, "_per_ip"), &limits.per_ip.tokens, &limits.per_ip.period);
    c.Rate(absl::StrCat("ratelimit.", name, "_per_user"), &limits.per_user.tokens, &limits.per_user.period);
    limits.fail_closed = std::string(name) == "login" || std::string(name) == "guess";
    o.rate_limits[name] = limits;
  }
  o.redis = redis::OptionsFromConfig(c);
  o.internal_key_file = c.String("internal.key_file");
  o.identity_max_age = c.Duration("internal.identity_max_age");
  return o;
}

}  // namespace laso::gateway
