#include "services/gateway/cors.h"

#include "absl/strings/str_cat.h"

namespace laso::gateway {

namespace bhttp = boost::beast::http;

Cors::Cors(const std::vector<std::string>& origins, absl::Duration max_age)
    : origins_(origins.begin(), origins.end()), max_age_(max_age) {}

bool Cors::IsPreflight(const http::Request& request) {
  return request.method() == bhttp::verb::options && request.count(bhttp::field::origin) > 0 &&
         request.count(bhttp::field::access_control_request_method) > 0;
}

http::Response Cors::Preflight(const http::Request& request) const {
  std::string origin(request[bhttp::field::origin]);
  http::Response res{Allows(origin) ? bhttp::status::no_content : bhttp::status::forbidden, request.version()};
  res.set(bhttp::field::vary, "Origin");
  if (Allows(origin)) {
    res.set(bhttp::field::access_control_allow_origin, origin);
    res.set(bhttp::field::access_control_allow_methods, "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    res.set(bhttp::field::access_control_allow_headers,
            "Authorization, Content-Type, Idempotency-Key, X-Request-Id, Accept-Language");
    res.set(bhttp::field::access_control_max_age, absl::StrCat(absl::ToInt64Seconds(max_age_)));
  }
  return res;
}

void Cors::Decorate(absl::string_view origin, http::Response* response) const {
  if (origin.empty()) return;
  response->set(bhttp::field::vary, "Origin");
  if (!Allows(origin)) return;
  response->set(bhttp::field::access_control_allow_origin, std::string(origin));
  response->set(bhttp::field::access_control_expose_headers, "X-Request-Id, Retry-After");
}

}  // namespace laso::gateway
