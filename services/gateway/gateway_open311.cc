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

  // The same admission as the API route of the same RPC: its roles and rate class come from its annotations.
  const struct Route* route = d_.routes->ByGrpcPath(p->grpc_path);
  if (route == nullptr) return fail({501, "not supported", p->format});
  Admit(ex, route->access, p->api_key, [this, ex, p, fail] {
    log::ScopedRequestId scoped(ex->request_id);
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
  }, [fail, p](const absl::Status& status) {
    int http_status = Open311Status(static_cast<grpc::StatusCode>(status.code()));
    std::string message = http_status == 429 ? "too many requests; try again in a minute"
                          : http_status == 403 ? "api_key is not valid for this request"
                                               : std::string(status.message());
    fail({http_status, message, p->format});
  });
}

}  // namespace laso::gateway
