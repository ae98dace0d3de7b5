#include "services/gateway/gateway_options.h"

#include "common/config/key_values.h"

#include "absl/strings/str_cat.h"
#include "common/config/value_parsing.h"
#include "common/redis/options.h"
#include "services/gateway/json_printer.h"

namespace laso::gateway {

void AddConfigKeys(config::Schema& s) {
  s.String("http.host", "127.0.0.1", "Address the gateway listens on (0.0.0.0 for every interface)");
  s.Int("http.port", 8080, 0, 65535, "The gateway's HTTP port");
  s.Int("http.threads", 2, 1, 64, "Event-loop threads of the gateway");
  s.Int("http.max_connections", 10000, 1, 1000000, "Open connections beyond this are answered 503 and closed");
  s.Int("http.max_header_bytes", 16384, 1024, 1 << 20, "Largest request head");
  s.Int("http.max_body_bytes", 1 << 20, 1024, 1 << 30,
        "Largest request body, unless a route declares its own (laso.api.access max_body_bytes)");
  s.Duration("http.header_timeout", "10s", "A client must send its request head within this");
  s.Duration("http.body_timeout", "30s", "A client must send its request body within this");
  s.Duration("http.idle_timeout", "60s", "Idle keep-alive connections are closed after this");
  s.String("http.tls_cert_file", "", "PEM certificate chain; with http.tls_key_file the gateway serves HTTPS");
  s.String("http.tls_key_file", "", "PEM private key for http.tls_cert_file");

  s.StringList("gateway.backends",
               "feedback=127.0.0.1:7101,dossier=127.0.0.1:7102,billing=127.0.0.1:7103,"
               "waste=127.0.0.1:7104,notify=127.0.0.1:7105,staff=127.0.0.1:7106,privacy=127.0.0.1:7107",
               "Backends by name (the protos' laso.api.backend), comma-separated: name=host:port, name=unix:/path, "
               "name=host:port|host:port|... for replicas (round-robin over those up and serving; a GET that finds "
               "one gone is sent once to another), or name=dns:///host:port (every address of the name)");
  s.Duration("gateway.health_interval", "1s",
             "How often each backend replica's grpc.health.v1 status is checked (a draining replica stops getting "
             "calls)");
  s.Duration("gateway.revocation_poll", "1s",
             "How often the revocation list (ended staff sessions, revoked machine tokens) is read from Redis");
  s.Duration("gateway.revocation_max_age", "5s",
             "Staff tokens are refused (503) when the last complete revocation list read is older than this");
  s.Duration("gateway.deadline", "5s", "Deadline of every backend call unless gateway.route_deadlines says otherwise");
  s.StringList("gateway.route_deadlines", "laso.feedback.v1.FeedbackService/ExportFeedback=5m",
               "Per-method deadlines: package.Service/Method=30s, comma-separated (a streamed export's is for the "
               "whole file)");
  s.StringList("gateway.descriptor_sets", "",
               "Extra descriptor set files whose annotated services the gateway also serves");
  s.StringList("gateway.trusted_proxies", "",
               "Proxies (IPs or CIDRs) whose X-Forwarded-For is believed");
  s.StringList("gateway.cors_origins", "https://h5.zdn.vn,http://localhost:3000",
               "Origins allowed to call the API from a browser (the Zalo Mini App runs on h5.zdn.vn)");
  s.Duration("gateway.cors_max_age", "10m", "How long browsers may cache a CORS preflight");
  s.StringList("gateway.metrics_allow", "127.0.0.1/32,::1/128", "Who may read /metrics (IPs or CIDRs)");
  s.String("gateway.display_utc_offset", "+07:00", "Offset of the times in API answers (Vietnam is +07:00)");
  s.String("gateway.console_dir", "",
           "A built staff console (build/web/console) to serve at /console/ with a strict Content-Security-Policy; "
           "empty: not served");

  s.String("zalo.graph_base_url", "https://graph.zalo.me", "Zalo Graph API (tools/fake-zalo in tests and demos)");
  s.Duration("zalo.token_cache_ttl", "1h", "How long a checked Zalo access token is remembered (its life)");

  // Rate limits per route class: N/period per client IP and per signed-in user ("off" for none).
  s.Rate("ratelimit.login_per_ip", "60/1m", "Sign-in attempts per IP (many users can share a mobile IP)");
  s.Rate("ratelimit.login_per_user", "20/1m", "Token refreshes per user");
  s.Rate("ratelimit.guess_per_ip", "60/1m", "Lookups by guessable code (dossier, bill) per IP");
  s.Rate("ratelimit.guess_per_user", "60/1m", "Lookups by guessable code per user");
  s.Rate("ratelimit.lookup_per_ip", "1200/1m", "Plain reads per IP");
  s.Rate("ratelimit.lookup_per_user", "300/1m", "Plain reads per user");
  s.Rate("ratelimit.write_per_ip", "300/1m", "Changes per IP");
  s.Rate("ratelimit.write_per_user", "60/1m", "Changes per user");
  s.Rate("ratelimit.export_per_ip", "30/1m", "CSV exports (each may read many thousand reports) per IP");
  s.Rate("ratelimit.export_per_user", "10/1m", "CSV exports per user");
  s.Rate("ratelimit.default_per_ip", "1200/1m", "Routes without a class, per IP");
  s.Rate("ratelimit.default_per_user", "300/1m", "Routes without a class, per user");
}

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
  o.health_interval = c.Duration("gateway.health_interval");
  o.revocation_poll = c.Duration("gateway.revocation_poll");
  o.revocation_max_age = c.Duration("gateway.revocation_max_age");
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
  o.console_dir = c.String("gateway.console_dir");
  if (!ParseUtcOffset(c.String("gateway.display_utc_offset"), &o.display_offset_minutes)) {
    return absl::InvalidArgumentError("config key 'gateway.display_utc_offset' is not an offset like +07:00");
  }

  o.jwt_key_file = config::JwtKeyFile(c);
  o.internal_key_file = config::InternalKeyFile(c);
  o.missing_keys = crypto::MissingKeyPolicy(c.Bool("keys.create_missing"));
  o.tokens.issuer = c.String("auth.issuer");
  o.tokens.audience = c.String("auth.audience");
  o.tokens.session_ttl = c.Duration("auth.session_ttl");

  o.zalo.graph_base_url = c.String("zalo.graph_base_url");
  o.zalo.app_secret = c.String("zalo.app_secret");
  o.zalo.timeout = c.Duration("zalo.timeout");
  o.zalo_cache_ttl = c.Duration("zalo.token_cache_ttl");

  for (const char* name : {"login", "guess", "lookup", "write", "export", "default"}) {
    ClassLimits limits;
    c.Rate(absl::StrCat("ratelimit.", name, "_per_ip"), &limits.per_ip.tokens, &limits.per_ip.period);
    c.Rate(absl::StrCat("ratelimit.", name, "_per_user"), &limits.per_user.tokens, &limits.per_user.period);
    limits.fail_closed = std::string(name) == "login" || std::string(name) == "guess";
    o.rate_limits[name] = limits;
  }
  o.redis = redis::OptionsFromConfig(c);
  o.identity_max_age = c.Duration("internal.identity_max_age");
  return o;
}

}  // namespace laso::gateway
