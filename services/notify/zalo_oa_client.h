#pragma once

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/http/client.h"

namespace laso::notify {

struct ZaloOaOptions {
  std::string zns_base_url = "https://business.openapi.zalo.me";
  std::string oauth_base_url = "https://oauth.zaloapp.com";
  std::string app_id;
  std::string app_secret;
  absl::Duration timeout = absl::Seconds(5);
};

// What became of one ZNS send, in the terms the sender acts on.
struct ZnsResult {
  enum class Outcome {
    kSent,
    kRetry,         // 5xx, timeout, unreachable, "unknown error": try again later
    kRejected,      // 4xx or a refusal about this message (bad phone, no Zalo account): never retry
    kQuota,         // the OA's daily quota is spent: wait for it to reset
    kTokenInvalid,  // the OA access token expired or was revoked: refresh, then retry
  };
  Outcome outcome = Outcome::kRetry;
  std::string detail;  // Zalo's error code and message, or the transport error
  std::string msg_id;
};

struct OaToken {
  std::string access_token;
  std::string refresh_token;
  absl::Time expires_at;
};

// Zalo's Official Account APIs that notify uses:
//   POST {zns_base}/message/template    header access_token;
//        body {phone, template_id, template_data, tracking_id}
//   POST {oauth_base}/v4/oa/access_token header secret_key;
//        form app_id, grant_type=refresh_token, refresh_token
// Zalo answers most failures with HTTP 200 and {"error": <non-zero>, "message": ...}.
class ZaloOaClient {
 public:
  ZaloOaClient(http::Client& http, ZaloOaOptions options) : http_(http), options_(std::move(options)) {}

  // `done` runs on the http client's event loop.
  void SendTemplate(const std::string& access_token, const std::string& phone, const std::string& template_id,
                    const std::string& template_data_json, const std::string& tracking_id,
                    std::function<void(ZnsResult)> done);
  void RefreshToken(const std::string& refresh_token, absl::Time now, std::function<void(absl::StatusOr<OaToken>)> done);

  // Exposed for tests: how an answer is read.
  static ZnsResult Classify(const absl::StatusOr<http::ClientResponse>& response);

 private:
  http::Client& http_;
  ZaloOaOptions options_;
};

}  // namespace laso::notify
