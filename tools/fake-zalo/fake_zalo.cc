#include "tools/fake-zalo/fake_zalo.h"

#include <thread>

#include <boost/beast/http.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/crypto/hash.h"
#include "common/crypto/random.h"
#include "common/http/url.h"

namespace laso::fakezalo {
namespace {

namespace bhttp = boost::beast::http;
using nlohmann::json;

http::Response Json(const json& body, bhttp::status status = bhttp::status::ok) {
  http::Response res{status, 11};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.body() = body.dump();
  return res;
}

// Zalo reports most failures with HTTP 200 and a non-zero "error".
http::Response ZaloError(int code, const std::string& message) {
  return Json({{"error", code}, {"message", message}});
}

std::string Header(const http::Request& r, const char* name) { return std::string(r[name]); }

}  // namespace

FakeZalo::User FakeZalo::AddUser(const std::string& name, const std::string& phone, const std::string& access_token,
                                 const std::string& id, const std::string& phone_token) {
  absl::MutexLock lock(&mu_);
  User user;
  user.id = id.empty() ? absl::StrCat("30", 10000000000000000 + next_id_++) : id;
  user.name = name;
  user.phone = phone;
  user.access_token = access_token.empty() ? crypto::RandomToken(24) : access_token;
  user.phone_token = phone_token.empty() ? crypto::RandomToken(16) : phone_token;
  user.location_token = crypto::RandomToken(16);
  users_by_token_[user.access_token] = user;
  return user;
}

std::string FakeZalo::SetLocation(const std::string& access_token, double latitude, double longitude,
                                  const std::string& location_token) {
  absl::MutexLock lock(&mu_);
  auto it = users_by_token_.find(access_token);
  if (it == users_by_token_.end()) return "";
  it->second.latitude = latitude;
  it->second.longitude = longitude;
  it->second.location_token = location_token.empty() ? crypto::RandomToken(16) : location_token;
  return it->second.location_token;
}

void FakeZalo::RevokeToken(const std::string& access_token) {
  absl::MutexLock lock(&mu_);
  users_by_token_.erase(access_token);
}

json FakeZalo::Sent() const {
  absl::MutexLock lock(&mu_);
  return json(sent_);
}

json FakeZalo::Stats() const {
  absl::MutexLock lock(&mu_);
  return json(calls_);
}

void FakeZalo::FailNextSends(const std::string& mode, int count) {
  absl::MutexLock lock(&mu_);
  fail_mode_ = mode;
  fail_count_ = count;
}

void FakeZalo::SetSendLatency(absl::Duration latency) {
  absl::MutexLock lock(&mu_);
  latency_ = latency;
}

void FakeZalo::ExpireOaToken() {
  absl::MutexLock lock(&mu_);
  options_.oa_access_token = crypto::RandomToken(24);  // the one in use is refused from now on
}

http::Response FakeZalo::Me(const http::Request& request) {
  std::string token = Header(request, "access_token");
  std::string proof = Header(request, "appsecret_proof");
  absl::MutexLock lock(&mu_);
  ++calls_["me"];
  auto it = users_by_token_.find(token);
  if (token.empty() || it == users_by_token_.end()) return ZaloError(-124, "Access token is invalid");
  std::string expected = crypto::Hex(crypto::HmacSha256(options_.app_secret, token));
  if (!crypto::ConstantTimeEquals(proof, expected)) return ZaloError(-501, "Invalid appsecret_proof");
  const User& u = it->second;
  return Json({{"id", u.id},
               {"name", u.name},
               {"picture", {{"data", {{"url", absl::StrCat("https://s120-ava-talk.zadn.vn/fake/", u.id, ".jpg")}}}}},
               {"error", 0},
               {"message", "Success"}});
}

http::Response FakeZalo::MeInfo(const http::Request& request) {
  std::string token = Header(request, "access_token");
  std::string code = Header(request, "code");
  std::string secret = Header(request, "secret_key");
  absl::MutexLock lock(&mu_);
  ++calls_["me/info"];
  if (!crypto::ConstantTimeEquals(secret, options_.app_secret)) return ZaloError(-501, "Invalid secret_key");
  auto it = users_by_token_.find(token);
  if (token.empty() || it == users_by_token_.end()) return ZaloError(-124, "Access token is invalid");
  const User& u = it->second;
  if (!code.empty() && code == u.phone_token) {
    return Json({{"data", {{"number", u.phone}}}, {"error", 0}, {"message", "Success"}});
  }
  if (!code.empty() && code == u.location_token) {
    // As Zalo answers a getLocation token: the coordinates as strings, the time in milliseconds.
    return Json({{"data",
                  {{"provider", "gps"},
                   {"latitude", absl::StrFormat("%.6f", u.latitude)},
                   {"longitude", absl::StrFormat("%.6f", u.longitude)},
                   {"timestamp", absl::StrCat(absl::ToUnixMillis(absl::Now()))}}},
                 {"error", 0},
                 {"message", "Success"}});
  }
  return ZaloError(-1203, "Invalid code");
}

http::Response FakeZalo::SendZns(const http::Request& request, bool* stall) {
  absl::MutexLock lock(&mu_);
  ++calls_["zns"];
  if (Header(request, "access_token") != options_.oa_access_token) return ZaloError(-216, "Access token is invalid");
  json body = json::parse(request.body(), nullptr, false);
  if (!body.is_object() || !body.contains("phone") || !body.contains("template_id")) {
    return ZaloError(-100, "Invalid parameter");
  }
  if (fail_count_ > 0) {
    --fail_count_;
    if (fail_mode_ == "500") return Json({{"error", -32}, {"message", "Internal error"}}, bhttp::status::internal_server_error);
    if (fail_mode_ == "timeout") {
      *stall = true;
      return Json({{"error", 0}});
    }
    if (fail_mode_ == "quota") return ZaloError(-1124, "Quota of this template is exceeded");
    if (fail_mode_ == "reject") return ZaloError(-108, "Phone number invalid");
  }
  body["received_at"] = absl::FormatTime(absl::RFC3339_full, absl::Now(), absl::UTCTimeZone());
  sent_.push_back(body);
  return Json({{"error", 0},
               {"message", "Success"},
               {"data", {{"msg_id", crypto::Hex(crypto::RandomBytes(8))},
                         {"sent_time", absl::StrCat(absl::ToUnixMillis(absl::Now()))},
                         {"quota", {{"dailyQuota", "500"}, {"remainingQuota", "499"}}}}}});
}

http::Response FakeZalo::RefreshOaToken(const http::Request& request) {
  absl::MutexLock lock(&mu_);
  ++calls_["oa_token"];
  if (!crypto::ConstantTimeEquals(Header(request, "secret_key"), options_.app_secret)) {
    return ZaloError(-14014, "Invalid secret key");
  }
  // Like Zalo: the form's refresh token must be the current one, and each
  // refresh replaces both tokens (the old refresh token stops working).
  std::string refresh_token;
  if (auto form = http::ParseQuery(request.body()); form.ok()) {
    for (const auto& [key, value] : *form) {
      if (key == "refresh_token") refresh_token = value;
    }
  }
  if (refresh_token.empty() || refresh_token != options_.oa_refresh_token) {
    return Json({{"error", -14014}, {"error_name", "Invalid refresh token"}, {"message", "Invalid refresh token"}});
  }
  options_.oa_access_token = crypto::RandomToken(24);
  options_.oa_refresh_token = crypto::RandomToken(24);
  return Json({{"access_token", options_.oa_access_token},
               {"refresh_token", options_.oa_refresh_token},
               {"expires_in", "90000"}});
}

http::Response FakeZalo::Control(const http::Request& request, absl::string_view path) {
  json body = json::parse(request.body().empty() ? "{}" : request.body(), nullptr, false);
  if (!body.is_object()) return Json({{"error", "body must be a JSON object"}}, bhttp::status::bad_request);
  if (path == "/_test/users" && request.method() == bhttp::verb::post) {
    User u = AddUser(body.value("name", "Nguyễn Văn An"), body.value("phone", "84901234567"),
                     body.value("accessToken", ""), body.value("id", ""));
    if (body.contains("latitude") || body.contains("longitude")) {
      u.location_token = SetLocation(u.access_token, body.value("latitude", u.latitude),
                                     body.value("longitude", u.longitude));
    }
    return Json({{"id", u.id}, {"name", u.name}, {"phone", u.phone}, {"accessToken", u.access_token},
                 {"phoneToken", u.phone_token}, {"locationToken", u.location_token}});
  }
  if (path == "/_test/location" && request.method() == bhttp::verb::post) {
    // A new getLocation token of a user's, for where they are now: {accessToken, latitude, longitude}.
    std::string token = SetLocation(body.value("accessToken", ""), body.value("latitude", 10.5372),
                                    body.value("longitude", 106.4123));
    if (token.empty()) return ZaloError(-124, "Access token is invalid");
    return Json({{"locationToken", token}});
  }
  if (path == "/_test/revoke" && request.method() == bhttp::verb::post) {
    RevokeToken(body.value("accessToken", ""));
    return Json(json::object());
  }
  if (path == "/_test/zns" && request.method() == bhttp::verb::get) return Json(Sent());
  if (path == "/_test/stats" && request.method() == bhttp::verb::get) return Json(Stats());
  if (path == "/_test/fail" && request.method() == bhttp::verb::post) {
    FailNextSends(body.value("mode", "500"), body.value("count", 1));
    return Json(json::object());
  }
  if (path == "/_test/expire-oa-token" && request.method() == bhttp::verb::post) {
    ExpireOaToken();
    return Json(json::object());
  }
  if (path == "/_test/latency" && request.method() == bhttp::verb::post) {
    SetSendLatency(absl::Milliseconds(body.value("ms", 0)));
    return Json(json::object());
  }
  if (path == "/_test/oa-token" && request.method() == bhttp::verb::get) {
    absl::MutexLock lock(&mu_);
    return Json({{"accessToken", options_.oa_access_token}, {"refreshToken", options_.oa_refresh_token}});
  }
  return Json({{"error", "unknown control endpoint"}}, bhttp::status::not_found);
}

void FakeZalo::Handle(http::Request request, const http::Peer& peer, http::Responder respond) {
  auto [path, query] = http::SplitTarget(http::Sv(request.target()));
  if (absl::StartsWith(path, "/_test/")) return respond(Control(request, path));
  if (path == "/v2.0/me" && request.method() == bhttp::verb::get) return respond(Me(request));
  if (path == "/v2.0/me/info" && request.method() == bhttp::verb::get) return respond(MeInfo(request));
  if (path == "/v4/oa/access_token" && request.method() == bhttp::verb::post) return respond(RefreshOaToken(request));
  if ((path == "/message/template" || path == "/v3.0/oa/message/template") && request.method() == bhttp::verb::post) {
    bool stall = false;
    http::Response res = SendZns(request, &stall);
    absl::Duration delay;
    {
      absl::MutexLock lock(&mu_);
      delay = stall ? absl::Seconds(30) : latency_;  // stalled: a Zalo that never answers in time
    }
    if (delay > absl::ZeroDuration()) {
      std::thread([respond, res = std::move(res), delay]() mutable {
        absl::SleepFor(delay);
        respond(std::move(res));
      }).detach();
      return;
    }
    return respond(std::move(res));
  }
  respond(ZaloError(-404, "Unknown endpoint"));
}

}  // namespace laso::fakezalo
