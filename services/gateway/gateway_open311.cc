// GatewayHandler::Open311: the Open311 GeoReport v2 adapter's network half.
// open311.h parses and renders; this sends the call to the feedback service
// with the same identity, rate limits, deadline and logging as any API route.
#include <boost/beast/http.hpp>

#include "absl/strings/str_cat.h"
#include "common/http/url.h"
#include "common/log/log.h"
#include "common/status/status.h"
#include "services/gateway/exchange.h"
#include "services/gateway/gateway_handler.h"
#include "services/gateway/ip_ranges.h"
#include "services/gateway/open311.h"

namespace laso::gateway {
namespace {

namespace bhttp = boost::beast::http;

constexpr char kFeedbackBackend[] = "feedback";

http::Response Open311Response(int status, const open311::Rendered& rendered) {
  http::Response res{static_cast<bhttp::status>(status), 11};
  res.set(bhttp::field::content_type, rendered.content_type);
  res.body() = rendered.body;
  return res;
}

// Open311 knows 400, 403 and 404; other failures keep their HTTP status.
int Open311Status(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    default:
      return HttpStatusForCode(static_cast<absl::StatusCode>(code));
  }
}

bool MayPost(rpc::Role role) {
  return role == rpc::Role::INTEGRATION || role == rpc::Role::OPERATOR || role == rpc::Role::ADMIN;
}

}  // namespace

void GatewayHandler::Open311(const ExchangePtr& ex) {
  ex->pattern = "open311";
  open311::Error error{400, "", open311::Format::kJson};
  auto fail = [this, ex](const open311::Error& e) { Finish(ex, Open311Response(e.http_status, open311::RenderError(e))); };
  auto query = http::ParseQuery(ex->query);
  if (!query.ok()) return fail({400, "the query string is not valid", open311::Format::kJson});
  auto parsed = open311::Parse(http::Sv(ex->request.method_string()), ex->path, *query,
                               http::Sv(ex->request[bhttp::field::content_type]), ex->request.body(), &error);
  if (!parsed.ok()) return fail(error);
  auto p = std::make_shared<open311::Parsed>(std::move(*parsed));
  ex->pattern = open311::RouteName(p->kind);
  std::string host(ex->request[bhttp::field::host]);
  if (host.empty() || host.size() > 255 || host.find_first_of("\"<> /\\") != std::string::npos) host = "localhost";
  p->origin = absl::StrCat(ex->peer.tls ? "https://" : "http://", host);
  if (p->kind == open311::Kind::kDiscovery) {
    return Finish(ex, Open311Response(200, open311::Discovery(p->format, p->origin + open311::kPrefix)));
  }

  ex->caller.set_role(rpc::Role::ANONYMOUS);
  if (!p->api_key.empty()) {
    auto caller = d_.tokens->Verify(p->api_key);
    if (!caller.ok() || !MayPost(caller->role())) return fail({403, "api_key is not valid", p->format});
    ex->caller = std::move(*caller);
  }
  std::string ip = ClientIp(*d_.trusted_proxies, ex->peer.ip, http::Sv(ex->request["X-Forwarded-For"]));
  ex->caller.set_client_ip(ip);
  ex->caller.set_request_id(ex->request_id);
  std::string subject = ex->caller.role() == rpc::Role::ANONYMOUS ? "" : ex->caller.subject();
  d_.limiter->Check(p->rate_class, ip, subject, [this, ex, p, fail](RateLimiter::Decision decision) {
    log::ScopedRequestId scoped(ex->request_id);
    if (!decision.allowed) {
      return fail({decision.redis_down ? 503 : 429, "too many requests; try again in a minute", p->format});
    }
    if (!d_.backends->Has(kFeedbackBackend)) return fail({503, "the feedback service is not running", p->format});
    auto context = BackendContext(ex, p->grpc_path);
    if (!context.ok()) return fail({400, std::string(context.status().message()), p->format});
    d_.backends->Call(kFeedbackBackend, p->grpc_path, p->request->SerializeAsString(), std::move(*context),
                      [this, ex, p, fail](const grpc::Status& status, std::string answer) {
                        log::ScopedRequestId scoped(ex->request_id);
                        if (!status.ok()) {
                          std::string message = status.error_message();
                          if (IsTransportFailure(status)) {
                            message = "the service is temporarily unavailable; try again later";
                          }
                          return fail({Open311Status(status.error_code()), message, p->format});
                        }
                        auto rendered = open311::RenderAnswer(*p, answer);
                        if (!rendered.ok()) {
                          log::Error("cannot render Open311 answer", {{"error", std::string(rendered.status().message())}});
                          return fail({500, "internal error", p->format});
                        }
                        Finish(ex, Open311Response(200, *rendered));
                      });
  });
}

}  // namespace laso::gateway
