#include "services/gateway/gateway_handler.h"

#include <atomic>
#include <mutex>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/crypto/random.h"
#include "common/grpc/grpc_status.h"
#include "common/log/log.h"
#include "common/metrics/metrics.h"
#include "common/status/status.h"
#include "services/gateway/consent_gate.h"
#include "services/gateway/exchange.h"
#include "common/log/truncate_ip.h"
#include "services/gateway/metrics_text.h"
#include "services/gateway/open311.h"

namespace laso::gateway {
namespace {

namespace bhttp = boost::beast::http;

metrics::CounterFamily& Requests() {
  static auto& f = metrics::Registry::Default().Counter(
      "laso_http_requests_total", "HTTP requests by route template and status", {"route", "code"});
  return f;
}

metrics::HistogramFamily& Latency() {
  static auto& f = metrics::Registry::Default().Histogram(
      "laso_http_request_duration_seconds", "HTTP request latency by route template", {"route"},
      metrics::LatencyBuckets());
  return f;
}

metrics::CounterFamily& BackendErrors() {
  static auto& f = metrics::Registry::Default().Counter(
      "laso_gateway_backend_errors_total", "Backend calls that failed in transport, by backend and code",
      {"backend", "code"});
  return f;
}

metrics::CounterFamily& RateLimited() {
  static auto& f = metrics::Registry::Default().Counter(
      "laso_gateway_rate_limited_total", "Requests refused by a rate limit, by route class", {"class"});
  return f;
}

// A request id we can safely echo and log: short, no control or quoting characters.
bool UsableRequestId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.' && c != ':') return false;
  }
  return true;
}

bool UsableHeaderValue(absl::string_view v, size_t max) {
  if (v.size() > max) return false;
  for (unsigned char c : v) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

std::string BearerToken(const http::Request& request) {
  absl::string_view auth = http::Sv(request[bhttp::field::authorization]);
  if (auth.size() > 7 && absl::EqualsIgnoreCase(auth.substr(0, 7), "bearer ")) {
    return std::string(absl::StripAsciiWhitespace(auth.substr(7)));
  }
  return "";
}

http::Response JsonResponse(bhttp::status status, std::string body) {
  http::Response res{status, 11};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.body() = std::move(body);
  return res;
}

// Which client sent the request, for the services that record it (a report's intake channel).
std::string ClientKind(const GatewayHandler::Exchange& ex) {
  if (absl::StartsWith(ex.path, open311::kPrefix)) return "open311";
  if (ex.origin.empty()) return "app";
  // Zalo serves Mini Apps from h5.zdn.vn (and its other zdn.vn hosts).
  absl::string_view host = ex.origin;
  absl::ConsumePrefix(&host, "https://");
  if (host == "zdn.vn" || absl::EndsWith(host, ".zdn.vn")) return "zalo-mini-app";
  return "web";
}

}  // namespace

bool IsTransportFailure(const grpc::Status& status) {
  // A service that says it is unavailable, with a reason (storage full, Redis
  // needed for a guessable lookup), is passed on as it said it.
  if (!status.error_details().empty()) return false;
  return status.error_code() == grpc::StatusCode::UNAVAILABLE ||
         status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
}

http::HeadDecision GatewayHandler::OnHead(const http::RequestHead& head, const http::Peer& peer) {
  http::HeadDecision decision;
  auto [path, query] = http::SplitTarget(http::Sv(head.target()));
  RouteMatch match;
  if (d_.routes->Match(http::Sv(head.method_string()), path, &match, nullptr) == RouteTable::Result::kFound &&
      match.route->access.max_body_bytes() > 0) {
    decision.max_body_bytes = static_cast<uint64_t>(match.route->access.max_body_bytes());
  }
  return decision;
}

http::Response GatewayHandler::ErrorResponse(int status, absl::string_view message) {
  http::Response res = JsonResponse(static_cast<bhttp::status>(status), ErrorRenderer::RenderHttp(status, message));
  res.set("X-Request-Id", crypto::NewFastUlid(d_.clock->Now()));
  return res;
}

void GatewayHandler::Handle(http::Request request, const http::Peer& peer,
                            http::Responder respond) {
  auto ex = std::make_shared<Exchange>();
  ex->start = absl::Now();
  ex->peer = peer;
  ex->respond = std::move(respond);
  absl::string_view given_id = http::Sv(request["X-Request-Id"]);
  ex->request_id = UsableRequestId(given_id) ? std::string(given_id) : crypto::NewFastUlid(d_.clock->Now());
  ex->origin = std::string(request[bhttp::field::origin]);
  auto [path, query] = http::SplitTarget(http::Sv(request.target()));
  ex->path = std::string(path);
  ex->query = std::string(query);
  ex->request = std::move(request);
  log::ScopedRequestId scoped(ex->request_id);

  if (Cors::IsPreflight(ex->request)) {
    ex->pattern = "OPTIONS (preflight)";
    return Finish(ex, d_.cors->Preflight(ex->request));
  }
  bool get = ex->request.method() == bhttp::verb::get;
  if (get && ex->path == "/healthz") return Healthz(ex);
  if (get && ex->path == "/readyz") return Readyz(ex);
  if (get && ex->path == "/metrics") return Metrics(ex);
  if (get && ex->path == "/openapi.json") {
    ex->pattern = "GET /openapi.json";
    return Finish(ex, JsonResponse(bhttp::status::ok, d_.openapi_json));
  }
  if (absl::StartsWith(ex->path, open311::kPrefix)) return Open311(ex);
  if (d_.console != nullptr && d_.console->Serves(ex->path)) {
    ex->pattern = absl::StrCat("GET ", d_.console->prefix(), "*");
    return Finish(ex, d_.console->Answer(ex->request, ex->path));
  }
  Route(ex);
}

void GatewayHandler::Route(const ExchangePtr& ex) {
  std::vector<std::string> allowed;
  auto result = d_.routes->Match(http::Sv(ex->request.method_string()), ex->path, &ex->match, &allowed);
  if (result == RouteTable::Result::kNotFound) {
    return FinishStatus(ex, absl::NotFoundError(absl::StrCat("Không có đường dẫn ", ex->path, ".")));
  }
  if (result == RouteTable::Result::kMethodNotAllowed) {
    http::Response res = JsonResponse(
        bhttp::status::method_not_allowed,
        ErrorRenderer::RenderHttp(405, absl::StrCat("Đường dẫn này chỉ nhận ", absl::StrJoin(allowed, ", "), ".")));
    res.set(bhttp::field::allow, absl::StrJoin(allowed, ", "));
    return Finish(ex, std::move(res));
  }
  const struct Route& route = *ex->match.route;
  ex->pattern = route.pattern;
  if (!Transcoder::AcceptsContentType(route, http::Sv(ex->request[bhttp::field::content_type]),
                                      ex->request.body().size())) {
    return FinishHttpError(ex, 415, "Nội dung phải là JSON (Content-Type: application/json).");
  }
  Admit(ex, route.access, BearerToken(ex->request), [this, ex] { Dispatch(ex); },
        [this, ex](const absl::Status& status) { FinishStatus(ex, status); });
}

absl::StatusOr<rpc::Caller> GatewayHandler::Identify(const ExchangePtr& ex, const std::string& token) {
  auto verified = d_.tokens->Verify(token);
  if (!verified.ok()) {
    return absl::UnauthenticatedError("Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.");
  }
  if (verified->kind == auth::TokenKind::kResident && d_.revocations->Erased(verified->caller.subject(), verified->issued_at)) {
    return WithReason(absl::UnauthenticatedError("Dữ liệu của tài khoản này đã được xóa. Vui lòng đăng nhập lại."),
                      "SESSION_ENDED");
  }
  if (verified->kind != auth::TokenKind::kResident) {
    switch (d_.revocations->Check(verified->revocable_id)) {
      case RevocationWatch::Standing::kRevoked:
        return WithReason(absl::UnauthenticatedError("Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại."),
                          "SESSION_ENDED");
      case RevocationWatch::Standing::kUnknown:
        // A person's token is trusted only against a fresh list; a machine keeps feeding data on the last one.
        if (verified->kind == auth::TokenKind::kStaff) {
          return WithReason(
              absl::UnavailableError("Chưa kiểm tra được phiên đăng nhập của cán bộ. Vui lòng thử lại sau ít giây."),
              "REVOCATIONS_UNAVAILABLE");
        }
        break;
      case RevocationWatch::Standing::kGood:
        break;
    }
  }
  ex->token_expires = verified->expires_at;
  verified->caller.set_session(verified->revocable_id);
  return std::move(verified->caller);
}

void GatewayHandler::Admit(const ExchangePtr& ex, const laso::api::Access& access, const std::string& token,
                           std::function<void()> admitted, std::function<void(const absl::Status&)> refused) {
  ex->caller.set_role(rpc::Role::ANONYMOUS);
  if (!token.empty()) {
    auto caller = Identify(ex, token);
    if (caller.ok()) {
      ex->caller = std::move(*caller);
    } else if (!access.public_()) {
      return refused(caller.status());
    }  // a public route serves a stale token's holder as anyone
  }
  if (!access.public_() && ex->caller.role() == rpc::Role::ANONYMOUS) {
    return refused(absl::UnauthenticatedError("Vui lòng đăng nhập."));
  }
  if (access.roles_size() > 0) {
    bool ok = false;
    for (int role : access.roles()) ok = ok || role == ex->caller.role();
    if (!ok) return refused(absl::PermissionDeniedError("Bạn không có quyền thực hiện thao tác này."));
  }
  if (auto consent = ConsentGate(access, ex->caller); !consent.ok()) return refused(consent);
  std::string ip = ClientIp(*d_.trusted_proxies, ex->peer.ip, http::Sv(ex->request["X-Forwarded-For"]));
  ex->caller.set_client_ip(ip);
  ex->caller.set_request_id(ex->request_id);
  ex->caller.set_client(ClientKind(*ex));

  std::string route_class = access.rate_limit().empty() ? "default" : access.rate_limit();
  std::string subject = ex->caller.role() == rpc::Role::ANONYMOUS ? "" : ex->caller.subject();
  d_.limiter->Check(route_class, ip, subject,
                    [ex, route_class, admitted = std::move(admitted), refused = std::move(refused)](
                        RateLimiter::Decision decision) {
                      log::ScopedRequestId scoped(ex->request_id);
                      if (decision.allowed) return admitted();
                      RateLimited().Inc({route_class});
                      absl::Status status =
                          decision.redis_down
                              ? absl::UnavailableError("Hệ thống đang bận, vui lòng thử lại sau ít phút.")
                              : absl::ResourceExhaustedError("Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.");
                      refused(WithRetryAfter(status, decision.retry_after));
                    });
}

absl::StatusOr<std::unique_ptr<grpc::ClientContext>> GatewayHandler::BackendContext(const ExchangePtr& ex,
                                                                                     const std::string& grpc_path) const {
  auto deadline = d_.route_deadlines.find(grpc_path.substr(1));
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(
      absl::Now() + (deadline == d_.route_deadlines.end() ? d_.default_deadline : deadline->second)));
  context->AddMetadata(rpc::kRequestIdHeader, ex->request_id);
  absl::string_view language = http::Sv(ex->request[bhttp::field::accept_language]);
  if (!language.empty() && UsableHeaderValue(language, 128)) {
    context->AddMetadata("accept-language", std::string(language));
  }
  absl::string_view idempotency_key = http::Sv(ex->request["Idempotency-Key"]);
  if (!idempotency_key.empty()) {
    if (!UsableHeaderValue(idempotency_key, 128)) {
      return InvalidField("Idempotency-Key", "Idempotency-Key phải là chuỗi ASCII tối đa 128 ký tự.");
    }
    context->AddMetadata("idempotency-key", std::string(idempotency_key));
  }
  d_.signer->Attach(ex->caller, context.get());
  return context;
}

void GatewayHandler::Dispatch(const ExchangePtr& ex) {
  const struct Route& route = *ex->match.route;
  auto query = http::ParseQuery(ex->query);
  if (!query.ok()) return FinishStatus(ex, InvalidField("query", query.status().message()));
  auto bytes = d_.transcoder->BuildRequest(ex->match, *query, http::Sv(ex->request[bhttp::field::content_type]),
                                           ex->request.body());
  if (!bytes.ok()) return FinishStatus(ex, bytes.status());

  if (route.backend == kGatewayBackend) {
    if (d_.local == nullptr || !d_.local->Serves(route.method)) {
      return FinishStatus(ex, absl::UnimplementedError("Chức năng này chưa được hỗ trợ."));
    }
    LocalCall call{ex->caller, ex->request_id, ex->token_expires};
    d_.local->Call(route.method, call, std::move(*bytes), [this, ex](absl::StatusOr<std::string> answer) {
      log::ScopedRequestId scoped(ex->request_id);
      if (!answer.ok()) return FinishStatus(ex, answer.status());
      auto payload = d_.transcoder->RenderResponse(*ex->match.route, *answer);
      if (!payload.ok()) return FinishStatus(ex, payload.status());
      http::Response res{bhttp::status::ok, 11};
      res.set(bhttp::field::content_type, payload->content_type);
      res.body() = std::move(payload->body);
      Finish(ex, std::move(res));
    });
    return;
  }

  auto context = BackendContext(ex, route.grpc_path);
  if (!context.ok()) return FinishStatus(ex, context.status());
  if (route.streamed_response) return DispatchStream(ex, std::move(*bytes), std::move(*context));
  auto answer = [this, ex](const grpc::Status& status, std::string bytes) {
    OnBackendAnswer(ex, status, std::move(bytes));
  };
  if (route.http_method == "GET") {  // safe to send twice: a replica that is gone gets a second chance elsewhere
    auto first = std::make_shared<std::unique_ptr<grpc::ClientContext>>(std::move(*context));
    d_.backends->CallIdempotent(route.backend, route.grpc_path, std::move(*bytes),
                                [this, ex, first, path = route.grpc_path]() -> std::unique_ptr<grpc::ClientContext> {
                                  if (*first != nullptr) return std::move(*first);
                                  auto again = BackendContext(ex, path);  // valid: it was built once already
                                  return again.ok() ? std::move(*again) : std::make_unique<grpc::ClientContext>();
                                },
                                std::move(answer));
    return;
  }
  d_.backends->Call(route.backend, route.grpc_path, std::move(*bytes), std::move(*context), std::move(answer));
}

void GatewayHandler::OnBackendAnswer(const ExchangePtr& ex, const grpc::Status& status, std::string bytes) {
  log::ScopedRequestId scoped(ex->request_id);
  const struct Route& route = *ex->match.route;
  if (!status.ok()) {
    if (IsTransportFailure(status)) {
      std::string code(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())));
      BackendErrors().Inc({route.backend, code});
      log::Warn("backend call failed", {{"backend", route.backend}, {"code", code}, {"error", status.error_message()}});
      if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
        return FinishStatus(ex, absl::DeadlineExceededError("Hệ thống phản hồi quá chậm. Vui lòng thử lại sau."));
      }
      return FinishStatus(ex, absl::UnavailableError("Dịch vụ tạm thời gián đoạn. Vui lòng thử lại sau ít phút."));
    }
    return FinishStatus(ex, FromGrpcStatus(status));
  }
  auto payload = d_.transcoder->RenderResponse(route, bytes);
  if (!payload.ok()) {
    log::Error("cannot render backend answer", {{"route", route.pattern}, {"error", std::string(payload.status().message())}});
    return FinishStatus(ex, absl::InternalError(absl::StrCat("Lỗi hệ thống. Mã yêu cầu: ", ex->request_id)));
  }
  http::Response res{bhttp::status::ok, 11};
  res.set(bhttp::field::content_type, payload->content_type);
  res.body() = std::move(payload->body);
  Finish(ex, std::move(res));
}

void GatewayHandler::Healthz(const ExchangePtr& ex) {
  ex->pattern = "GET /healthz";
  Finish(ex, JsonResponse(bhttp::status::ok, R"({"status":"ok"})"));
}

void GatewayHandler::Readyz(const ExchangePtr& ex) {
  ex->pattern = "GET /readyz";
  struct Gather {
    std::mutex mu;
    int left = 2;
    nlohmann::ordered_json checks = nlohmann::ordered_json::object();
  };
  auto gather = std::make_shared<Gather>();
  auto finish_one = [this, ex, gather]() {
    // Called with gather->mu held, after recording one result.
    if (--gather->left > 0) return;
    std::vector<std::string> down;
    for (auto& [name, state] : gather->checks.items()) {
      if (state != "ok") down.push_back(name);
    }
    // Unready (503) only until everything answered once. After that a dependency every gateway shares
    // (Redis failing over, a service with no replica up) leaves this gateway "degraded" but in the load
    // balancer: taking every gateway out at once would turn a partial outage into a total one.
    if (down.empty()) was_ready_.store(true, std::memory_order_relaxed);
    bool serving = down.empty() || was_ready_.load(std::memory_order_relaxed);
    nlohmann::ordered_json body = {{"status", down.empty() ? "ready" : serving ? "degraded" : "unavailable"},
                                   {"checks", gather->checks}};
    if (!down.empty()) body["down"] = down;
    Finish(ex, JsonResponse(serving ? bhttp::status::ok : bhttp::status::service_unavailable, body.dump()));
  };
  d_.redis->Run({"PING"}, [this, gather, finish_one](absl::StatusOr<redis::Reply> pong) {
    std::lock_guard<std::mutex> lock(gather->mu);
    gather->checks["redis"] = pong.ok() ? "ok" : "down";
    // Staff are admitted only against a fresh revocation list (written by the staff service).
    gather->checks["revocations"] = d_.revocations->Fresh() ? "ok" : "down";
    finish_one();
  });
  d_.backends->CheckHealth(absl::Seconds(1), [gather, finish_one](std::map<std::string, bool> health) {
    std::lock_guard<std::mutex> lock(gather->mu);
    for (const auto& [name, serving] : health) gather->checks[name] = serving ? "ok" : "down";
    finish_one();
  });
}

void GatewayHandler::Metrics(const ExchangePtr& ex) {
  ex->pattern = "GET /metrics";
  if (!d_.metrics_allow->Contains(ex->peer.ip)) {
    return FinishStatus(ex, absl::PermissionDeniedError("Metrics are only for the operators' network."));
  }
  d_.backends->FetchMetrics(absl::Seconds(1), [this, ex](std::map<std::string, std::string> texts) {
    texts["gateway"] = metrics::Registry::Default().RenderText();
    http::Response res{bhttp::status::ok, 11};
    res.set(bhttp::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    res.body() = MergeMetrics(texts);
    Finish(ex, std::move(res));
  });
}

void GatewayHandler::FinishStatus(const ExchangePtr& ex, const absl::Status& status) {
  http::Response res =
      JsonResponse(static_cast<bhttp::status>(HttpStatusForCode(status.code())), d_.errors->Render(status));
  if (absl::Duration wait = RetryAfterOf(status); wait > absl::ZeroDuration()) {
    res.set(bhttp::field::retry_after, absl::StrCat(absl::ToInt64Seconds(wait)));
  }
  Finish(ex, std::move(res));
}

void GatewayHandler::FinishHttpError(const ExchangePtr& ex, int http_status, absl::string_view message) {
  Finish(ex, JsonResponse(static_cast<bhttp::status>(http_status), ErrorRenderer::RenderHttp(http_status, message)));
}

void GatewayHandler::Decorate(const ExchangePtr& ex, http::Response* response) const {
  response->set("X-Request-Id", ex->request_id);
  if (response->find(bhttp::field::cache_control) == response->end()) {
    response->set(bhttp::field::cache_control, "no-store");
  }
  d_.cors->Decorate(ex->origin, response);
}

void GatewayHandler::Record(const ExchangePtr& ex, int code, int64_t bytes, absl::string_view outcome) const {
  double seconds = absl::ToDoubleSeconds(absl::Now() - ex->start);
  Requests().Inc({ex->pattern, absl::StrCat(code)});
  Latency().Observe({ex->pattern}, seconds);
  log::ScopedRequestId scoped(ex->request_id);
  if (outcome.empty()) {
    log::Info("http", {{"method", std::string(ex->request.method_string())},
                       {"route", ex->pattern},
                       {"status", code},
                       {"ms", seconds * 1000},
                       {"bytes", static_cast<long>(bytes)},
                       {"ip", log::TruncateIp(ex->peer.ip)}});
    return;
  }
  // A streamed body also says how it ended: "complete", "broken" (the backend failed) or "client gone".
  log::Info("http", {{"method", std::string(ex->request.method_string())},
                     {"route", ex->pattern},
                     {"status", code},
                     {"ms", seconds * 1000},
                     {"bytes", static_cast<long>(bytes)},
                     {"ip", log::TruncateIp(ex->peer.ip)},
                     {"outcome", std::string(outcome)}});
}

void GatewayHandler::Finish(const ExchangePtr& ex, http::Response response) {
  if (ex->finished.exchange(true)) return;
  Decorate(ex, &response);
  Record(ex, response.result_int(), static_cast<int64_t>(response.body().size()));
  ex->respond(std::move(response));
}

}  // namespace laso::gateway
