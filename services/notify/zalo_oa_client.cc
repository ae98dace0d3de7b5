#include "services/notify/zalo_oa_client.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/http/url.h"
#include "common/json/fields.h"

namespace laso::notify {
namespace {

using nlohmann::json;
using Outcome = ZnsResult::Outcome;

// Zalo's codes for an OA access token that no longer works.
bool TokenCode(int64_t code) { return code == -124 || code == -216 || code == -201; }
// ...and for a spent daily quota or balance.
bool QuotaCode(int64_t code, const std::string& message) {
  return code == -144 || code == -1124 || absl::StrContains(absl::AsciiStrToLower(message), "quota");
}
// -100 is Zalo's "unknown error, please try again later".
bool TransientCode(int64_t code) { return code == -100 || code == -32; }

}  // namespace

ZnsResult ZaloOaClient::Classify(const absl::StatusOr<http::ClientResponse>& response) {
  if (!response.ok()) return {Outcome::kRetry, std::string(response.status().message()), ""};
  json body = json::parse(response->body, nullptr, false);
  int64_t code = 0;
  std::string message;
  if (body.is_object()) {
    if (body.contains("error") && body["error"].is_number_integer()) code = body["error"].get<int64_t>();
    message = JsonText(body, "message");
  }
  std::string detail = absl::StrCat("HTTP ", response->status, ", error ", code, message.empty() ? "" : ": ", message);
  if (response->status >= 500 || response->status == 429) {
    return {response->status == 429 ? Outcome::kQuota : Outcome::kRetry, detail, ""};
  }
  if (response->status >= 400) return {Outcome::kRejected, detail, ""};
  if (!body.is_object()) return {Outcome::kRetry, "unreadable answer", ""};
  if (code == 0) {
    std::string msg_id;
    if (body.contains("data")) msg_id = JsonText(body["data"], "msg_id");
    return {Outcome::kSent, "", msg_id};
  }
  if (TokenCode(code)) return {Outcome::kTokenInvalid, detail, ""};
  if (QuotaCode(code, message)) return {Outcome::kQuota, detail, ""};
  if (TransientCode(code)) return {Outcome::kRetry, detail, ""};
  return {Outcome::kRejected, detail, ""};
}

void ZaloOaClient::SendTemplate(const std::string& access_token, const std::string& phone,
                                const std::string& template_id, const std::string& template_data_json,
                                const std::string& tracking_id, std::function<void(ZnsResult)> done) {
  json data = json::parse(template_data_json, nullptr, false);
  http::ClientRequest request;
  request.method = "POST";
  request.url = absl::StrCat(options_.zns_base_url, "/message/template");
  request.headers = {{"access_token", access_token}, {"Content-Type", "application/json"}};
  request.body = json{{"phone", phone},
                      {"template_id", template_id},
                      {"template_data", data.is_object() ? data : json::object()},
                      {"tracking_id", tracking_id}}
                     .dump();
  request.timeout = options_.timeout;
  http_.Fetch(std::move(request), [done = std::move(done)](absl::StatusOr<http::ClientResponse> response) {
    done(Classify(response));
  });
}

void ZaloOaClient::RefreshToken(const std::string& refresh_token, absl::Time now,
                                std::function<void(absl::StatusOr<OaToken>)> done) {
  http::ClientRequest request;
  request.method = "POST";
  request.url = absl::StrCat(options_.oauth_base_url, "/v4/oa/access_token");
  request.headers = {{"secret_key", options_.app_secret}, {"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = absl::StrCat("app_id=", http::PercentEncode(options_.app_id),
                              "&grant_type=refresh_token&refresh_token=", http::PercentEncode(refresh_token));
  request.timeout = options_.timeout;
  http_.Fetch(std::move(request), [done = std::move(done), now](absl::StatusOr<http::ClientResponse> response) {
    if (!response.ok()) return done(absl::UnavailableError(response.status().message()));
    json body = json::parse(response->body, nullptr, false);
    if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string()) {
      std::string why = JsonText(body, "message");
      if (why.empty()) why = JsonText(body, "error_name");
      return done(absl::UnavailableError(absl::StrCat("Zalo refused the OA token refresh (HTTP ", response->status,
                                                      why.empty() ? "" : ": ", why, ")")));
    }
    OaToken token;
    token.access_token = body["access_token"].get<std::string>();
    token.refresh_token = JsonText(body, "refresh_token");
    // Zalo gives expires_in as text ("90000"); accept a number too.
    int64_t seconds = 0;
    if (body.contains("expires_in")) {
      const json& e = body["expires_in"];
      if (e.is_number_integer()) seconds = e.get<int64_t>();
      else if (e.is_string()) (void)absl::SimpleAtoi(e.get<std::string>(), &seconds);
    }
    token.expires_at = now + absl::Seconds(seconds > 0 ? seconds : 3600);
    done(token);
  });
}

}  // namespace laso::notify
