#include "services/gateway/zalo_graph_client.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/json/fields.h"
#include "common/log/log.h"
#include "common/status/status.h"

namespace laso::gateway {
namespace {

using nlohmann::json;

absl::Status Refused() {
  return absl::UnauthenticatedError("Không xác thực được tài khoản Zalo. Vui lòng đăng nhập lại.");
}

absl::Status Unreachable() {
  return absl::UnavailableError("Chưa kết nối được với Zalo. Vui lòng thử lại sau ít phút.");
}

// The JSON of a Graph answer, or the status it stands for.
absl::StatusOr<json> ReadAnswer(const absl::StatusOr<http::ClientResponse>& response, absl::string_view what) {
  if (!response.ok()) {
    log::Warn("zalo graph unreachable", {{"call", std::string(what)}, {"error", std::string(response.status().message())}});
    return Unreachable();
  }
  if (response->status >= 500) {
    log::Warn("zalo graph error", {{"call", std::string(what)}, {"status", response->status}});
    return Unreachable();
  }
  json body = json::parse(response->body, nullptr, false);
  if (!body.is_object()) return Unreachable();
  if (body.contains("error") && body["error"].is_number() && body["error"].get<int64_t>() != 0) {
    log::Info("zalo graph refused", {{"call", std::string(what)}, {"zalo_error", body["error"].get<int64_t>()}});
    return Refused();
  }
  if (response->status >= 400) return Refused();
  return body;
}

// Zalo sends coordinates and times as strings ("10.537200") or numbers.
std::optional<double> NumberIn(const json& data, const char* key) {
  if (!data.contains(key)) return std::nullopt;
  const json& v = data[key];
  double out = 0;
  if (v.is_number()) return v.get<double>();
  if (v.is_string() && absl::SimpleAtod(v.get<std::string>(), &out)) return out;
  return std::nullopt;
}

}  // namespace

std::string ZaloGraphClient::AppSecretProof(const std::string& access_token, const std::string& app_secret) {
  return crypto::Hex(crypto::HmacSha256(app_secret, access_token));
}

void ZaloGraphClient::GetMe(const std::string& access_token, std::function<void(absl::StatusOr<ZaloUser>)> done) {
  http::ClientRequest request;
  request.url = absl::StrCat(options_.graph_base_url, "/v2.0/me?fields=id,name,picture");
  request.headers = {{"access_token", access_token},
                     {"appsecret_proof", AppSecretProof(access_token, options_.app_secret)}};
  request.timeout = options_.timeout;
  http_.Fetch(std::move(request), [done = std::move(done)](absl::StatusOr<http::ClientResponse> response) {
    auto body = ReadAnswer(response, "me");
    if (!body.ok()) return done(body.status());
    ZaloUser user;
    user.id = JsonText(*body, "id");
    user.name = JsonText(*body, "name");
    if (body->contains("picture") && (*body)["picture"].is_object()) {
      const json& data = (*body)["picture"].value("data", json::object());
      if (data.is_object()) user.avatar = JsonText(data, "url");
    }
    if (user.id.empty() || user.id.size() > 64) return done(Refused());
    done(std::move(user));
  });
}

void ZaloGraphClient::GetPhoneNumber(const std::string& access_token, const std::string& phone_token,
                                     std::function<void(absl::StatusOr<std::string>)> done) {
  http::ClientRequest request;
  request.url = absl::StrCat(options_.graph_base_url, "/v2.0/me/info");
  request.headers = {{"access_token", access_token}, {"code", phone_token}, {"secret_key", options_.app_secret}};
  request.timeout = options_.timeout;
  http_.Fetch(std::move(request), [done = std::move(done)](absl::StatusOr<http::ClientResponse> response) {
    auto body = ReadAnswer(response, "me/info");
    if (!body.ok()) return done(body.status());
    std::string number;
    if (body->contains("data") && (*body)["data"].is_object()) number = JsonText((*body)["data"], "number");
    if (number.empty()) return done(Refused());
    done(std::move(number));
  });
}

void ZaloGraphClient::GetLocation(const std::string& access_token, const std::string& location_token,
                                  std::function<void(absl::StatusOr<ZaloPoint>)> done) {
  http::ClientRequest request;
  request.url = absl::StrCat(options_.graph_base_url, "/v2.0/me/info");
  request.headers = {{"access_token", access_token}, {"code", location_token}, {"secret_key", options_.app_secret}};
  request.timeout = options_.timeout;
  http_.Fetch(std::move(request), [done = std::move(done)](absl::StatusOr<http::ClientResponse> response) {
    auto body = ReadAnswer(response, "me/info location");
    // The access token was checked just before: a refusal here is about the location token.
    auto bad_token = [] {
      return WithReason(InvalidField("locationToken", "Mã vị trí Zalo không hợp lệ hoặc đã hết hạn. Vui lòng lấy lại vị trí."),
                        "LOCATION_TOKEN_INVALID");
    };
    if (!body.ok()) return done(body.status().code() == absl::StatusCode::kUnauthenticated ? bad_token() : body.status());
    if (!body->contains("data") || !(*body)["data"].is_object()) return done(bad_token());
    const json& data = (*body)["data"];
    auto lat = NumberIn(data, "latitude");
    auto lng = NumberIn(data, "longitude");
    if (!lat || !lng || !std::isfinite(*lat) || !std::isfinite(*lng) || std::abs(*lat) > 90 || std::abs(*lng) > 180) {
      return done(bad_token());
    }
    ZaloPoint point{*lat, *lng, JsonText(data, "provider")};
    if (auto ms = NumberIn(data, "timestamp"); ms && *ms > 0) point.recorded_at = absl::FromUnixMillis(static_cast<int64_t>(*ms));
    done(point);
  });
}

}  // namespace laso::gateway
