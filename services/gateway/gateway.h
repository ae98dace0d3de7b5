#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/http/client.h"
#include "common/http/server.h"
#include "common/redis/asio_client.h"
#include "common/time/clock.h"
#include "services/gateway/auth_service.h"
#include "services/gateway/backends.h"
#include "services/gateway/cors.h"
#include "services/gateway/descriptor_registry.h"
#include "services/gateway/error_body.h"
#include "services/gateway/gateway_handler.h"
#include "services/gateway/gateway_options.h"
#include "services/gateway/ip_ranges.h"
#include "services/gateway/rate_limiter.h"
#include "services/gateway/revocation_watch.h"
#include "services/gateway/route_table.h"
#include "services/gateway/static_site.h"
#include "common/auth/session_tokens.h"
#include "services/gateway/transcoder.h"
#include "services/gateway/zalo_graph_client.h"

namespace laso::gateway {

// The whole gateway, assembled from its options: what main() runs and what
// tests start on a real socket.
class Gateway {
 public:
  static absl::StatusOr<std::unique_ptr<Gateway>> Create(const GatewayOptions& options, const Clock* clock);
  ~Gateway();

  absl::Status Start();
  int port() const { return server_->port(); }
  // Stops taking requests, lets those in progress finish, then stops.
  void Stop();

  const RouteTable& routes() const { return routes_; }

 private:
  Gateway() = default;

  std::unique_ptr<DescriptorRegistry> registry_;
  RouteTable routes_;
  std::unique_ptr<Transcoder> transcoder_;
  std::unique_ptr<ErrorRenderer> errors_;
  std::unique_ptr<Backends> backends_;
  std::unique_ptr<boost::asio::io_context> ioc_;  // shared by the HTTP server, Redis and Zalo calls
  std::unique_ptr<redis::AsioClient> redis_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<auth::SessionTokens> tokens_;
  std::unique_ptr<RevocationWatch> revocations_;  // outlives redis_ (reset first): its polls answer into it
  std::unique_ptr<Cors> cors_;
  std::unique_ptr<StaticSite> console_;  // null when not configured
  IpRanges trusted_proxies_;
  IpRanges metrics_allow_;
  std::unique_ptr<rpc::IdentitySigner> signer_;
  std::unique_ptr<GatewayHandler> handler_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<http::Client> http_client_;
  std::unique_ptr<ZaloGraphClient> zalo_;
  std::unique_ptr<AuthService> auth_;
  bool running_ = false;
};

}  // namespace laso::gateway
