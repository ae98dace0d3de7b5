#pragma once

#include <atomic>

#include <map>
#include <memory>
#include <string>

#include "common/grpc/identity.h"
#include "common/http/server.h"
#include "common/redis/asio_client.h"
#include "common/time/clock.h"
#include "services/gateway/backends.h"
#include "services/gateway/cors.h"
#include "services/gateway/error_body.h"
#include "services/gateway/ip_ranges.h"
#include "services/gateway/local_service.h"
#include "services/gateway/rate_limiter.h"
#include "services/gateway/revocation_watch.h"
#include "services/gateway/route_table.h"
#include "services/gateway/static_site.h"
#include "common/auth/session_tokens.h"
#include "services/gateway/transcoder.h"

namespace laso::gateway {

// Everything a request meets on its way through the gateway.
struct HandlerDeps {
  const RouteTable* routes;
  const Transcoder* transcoder;
  const ErrorRenderer* errors;
  Backends* backends;
  LocalService* local = nullptr;
  const auth::SessionTokens* tokens;
  const RevocationWatch* revocations;
  RateLimiter* limiter;
  const Cors* cors;
  const IpRanges* trusted_proxies;
  const IpRanges* metrics_allow;
  const rpc::IdentitySigner* signer;
  redis::AsioClient* redis;
  const Clock* clock;
  absl::Duration default_deadline;
  std::map<std::string, absl::Duration> route_deadlines;
  std::string openapi_json;
  // The console, when gateway.console_dir names a built one; may be null.
  const StaticSite* console = nullptr;
};

// Backend unreachable or too slow: the user sees "try again", we log the
// transport's words. (A service's own UNAVAILABLE reads best the same way.)
bool IsTransportFailure(const grpc::Status& status);

// The gateway's HTTP handler: built-in endpoints (/healthz, /readyz, /metrics,
// /openapi.json), CORS, then for API routes: authentication, the route's role
// check, rate limits, transcoding, the backend call with a deadline and the
// caller's signed identity, and one error body for every failure.
class GatewayHandler : public http::Handler {
 public:
  explicit GatewayHandler(HandlerDeps deps) : d_(std::move(deps)) {}
  // The gateway's own RPCs (auth), wired after construction because they
  // share the HTTP server's event loop.
  void SetLocalService(LocalService* local) { d_.local = local; }

  http::HeadDecision OnHead(const http::RequestHead& head, const http::Peer& peer) override;
  void Handle(http::Request request, const http::Peer& peer, http::Responder respond) override;
  http::Response ErrorResponse(int status, absl::string_view message) override;

  struct Exchange;

 private:
  using ExchangePtr = std::shared_ptr<Exchange>;
  void Route(const ExchangePtr& ex);
  // The one admission chain every API request goes through, the annotated
  // routes and the Open311 adapter alike: the bearer token (checked against
  // the revocation list), the route's access (public, roles), the client's
  // IP, and the route's rate-limit class. Then `admitted`, or `refused` with
  // the status to answer (Retry-After riding on it when there is one).
  void Admit(const ExchangePtr& ex, const laso::api::Access& access, const std::string& token,
             std::function<void()> admitted, std::function<void(const absl::Status&)> refused);
  // Who a bearer token names, once it verifies and is not revoked.
  absl::StatusOr<rpc::Caller> Identify(const ExchangePtr& ex, const std::string& token);
  void Dispatch(const ExchangePtr& ex);
  // A route answering a stream of laso.api.HttpBody (gateway_stream.cc): the
  // first piece decides between an error body and a 200 sent in chunks.
  void DispatchStream(const ExchangePtr& ex, std::string request, std::unique_ptr<grpc::ClientContext> context);
  void OnBackendAnswer(const ExchangePtr& ex, const grpc::Status& status, std::string bytes);
  // The Open311 GeoReport v2 adapter (gateway_open311.cc).
  void Open311(const ExchangePtr& ex);
  void Healthz(const ExchangePtr& ex);
  void Readyz(const ExchangePtr& ex);
  void Metrics(const ExchangePtr& ex);
  void Finish(const ExchangePtr& ex, http::Response response);
  // What every answer carries: the request id, no-store unless said otherwise, CORS.
  void Decorate(const ExchangePtr& ex, http::Response* response) const;
  // The access log line and the request metrics, once per request.
  void Record(const ExchangePtr& ex, int code, int64_t bytes, absl::string_view outcome = "") const;
  void FinishStatus(const ExchangePtr& ex, const absl::Status& status);
  void FinishHttpError(const ExchangePtr& ex, int http_status, absl::string_view message);
  // The call to a backend: deadline (gateway.route_deadlines or the default),
  // request id, language, Idempotency-Key (INVALID_ARGUMENT when unusable) and
  // the caller's signed identity.
  absl::StatusOr<std::unique_ptr<grpc::ClientContext>> BackendContext(const ExchangePtr& ex,
                                                                       const std::string& grpc_path) const;

  HandlerDeps d_;
  std::atomic<bool> was_ready_{false};  // every check passed once: /readyz stays 200, "degraded" at worst
};

}  // namespace laso::gateway
