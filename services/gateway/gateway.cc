#include "services/gateway/gateway.h"

#include "absl/strings/str_cat.h"
#include "common/config/key_values.h"
#include "common/crypto/key_file.h"
#include "common/log/log.h"
#include "services/gateway/openapi.h"

namespace laso::gateway {

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Create(const GatewayOptions& options, const Clock* clock) {
  auto g = std::unique_ptr<Gateway>(new Gateway());
  auto registry = DescriptorRegistry::Create(options.descriptor_sets);
  if (!registry.ok()) return registry.status();
  g->registry_ = std::move(*registry);
  auto routes = RouteTable::Build(g->registry_->Services());
  if (!routes.ok()) return routes.status();
  g->routes_ = std::move(*routes);

  auto backends = Backends::Create(options.backends, options.health_interval);
  if (!backends.ok()) return backends.status();
  g->backends_ = std::move(*backends);
  for (const Route& route : g->routes_.routes()) {
    if (route.backend != kGatewayBackend && !g->backends_->Has(route.backend)) {
      // Not fatal: a deployment may run without some services; their routes answer 503.
      log::Warn("route without a configured backend", {{"route", route.pattern}, {"backend", route.backend}});
    }
  }

  auto trusted = IpRanges::Parse(options.trusted_proxies);
  if (!trusted.ok()) return absl::InvalidArgumentError(absl::StrCat("config key 'gateway.trusted_proxies': ", trusted.status().message()));
  g->trusted_proxies_ = std::move(*trusted);
  auto metrics_allow = IpRanges::Parse(options.metrics_allow);
  if (!metrics_allow.ok()) return absl::InvalidArgumentError(absl::StrCat("config key 'gateway.metrics_allow': ", metrics_allow.status().message()));
  g->metrics_allow_ = std::move(*metrics_allow);

  auto jwt_keys = auth::LoadJwtKeys(options.jwt_key_file, clock, options.missing_keys);
  if (!jwt_keys.ok()) return jwt_keys.status();
  g->tokens_ = std::make_unique<auth::SessionTokens>(std::move(*jwt_keys), options.tokens, clock);
  auto internal_key = rpc::LoadInternalKey(options.internal_key_file, options.data_dir, clock, options.missing_keys);
  if (!internal_key.ok()) return internal_key.status();
  g->signer_ = std::make_unique<rpc::IdentitySigner>(*internal_key, clock);

  g->transcoder_ = std::make_unique<Transcoder>(g->registry_.get(), options.display_offset_minutes);
  g->errors_ = std::make_unique<ErrorRenderer>(g->registry_.get());
  g->ioc_ = std::make_unique<boost::asio::io_context>();
  g->redis_ = std::make_unique<redis::AsioClient>(*g->ioc_, options.redis, clock);
  g->limiter_ = std::make_unique<RateLimiter>(*g->redis_, options.rate_limits, clock);
  g->revocations_ = std::make_unique<RevocationWatch>(*g->ioc_, *g->redis_, clock, options.revocation_poll,
                                                      options.revocation_max_age);
  g->cors_ = std::make_unique<Cors>(options.cors_origins, options.cors_max_age);
  if (!options.console_dir.empty()) {
    auto console = StaticSite::Load("/console/", options.console_dir);
    if (!console.ok()) return config::KeyError("gateway.console_dir", console.status());
    g->console_ = *std::move(console);
  }

  HandlerDeps deps;
  deps.routes = &g->routes_;
  deps.transcoder = g->transcoder_.get();
  deps.errors = g->errors_.get();
  deps.backends = g->backends_.get();
  deps.tokens = g->tokens_.get();
  deps.revocations = g->revocations_.get();
  deps.limiter = g->limiter_.get();
  deps.cors = g->cors_.get();
  deps.trusted_proxies = &g->trusted_proxies_;
  deps.metrics_allow = &g->metrics_allow_;
  deps.signer = g->signer_.get();
  deps.redis = g->redis_.get();
  deps.clock = clock;
  deps.default_deadline = options.default_deadline;
  deps.route_deadlines = options.route_deadlines;
  deps.openapi_json = MergedOpenApi();
  deps.console = g->console_.get();
  g->handler_ = std::make_unique<GatewayHandler>(std::move(deps));
  g->server_ = std::make_unique<http::Server>(options.http, g->handler_.get(), *g->ioc_);

  // Outbound Zalo calls share the server's event loop.
  g->http_client_ = std::make_unique<http::Client>(*g->ioc_);
  g->zalo_ = std::make_unique<ZaloGraphClient>(*g->http_client_, options.zalo);
  g->auth_ = std::make_unique<AuthService>(AuthService::Deps{.tokens = g->tokens_.get(),
                                                             .zalo = g->zalo_.get(),
                                                             .redis = g->redis_.get(),
                                                             .backends = g->backends_.get(),
                                                             .signer = g->signer_.get(),
                                                             .zalo_cache_ttl = options.zalo_cache_ttl});
  g->handler_->SetLocalService(g->auth_.get());
  return g;
}

Gateway::~Gateway() {
  Stop();  // the event loop stops here, so nothing below runs concurrently
  // Calls still in flight answer into the handler: finish them before it goes.
  backends_.reset();
  redis_.reset();
  auth_.reset();
  zalo_.reset();
  http_client_.reset();
  server_.reset();
}

absl::Status Gateway::Start() {
  revocations_->Start();
  auto status = server_->Start();
  if (!status.ok()) return status;
  revocations_->WaitForFirstRead(absl::Seconds(2));
  running_ = true;
  log::Info("gateway listening", {{"port", server_->port()}, {"routes", static_cast<long>(routes_.routes().size())}});
  return absl::OkStatus();
}

void Gateway::Stop() {
  if (!running_) return;
  running_ = false;
  server_->Stop(absl::Seconds(10));
}

}  // namespace laso::gateway
