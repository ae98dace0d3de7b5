#pragma once

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/http/client.h"

namespace laso::gateway {

struct ZaloUser {
  std::string id;
  std::string name;
  std::string avatar;
};

// A getLocation token's place.
struct ZaloPoint {
  double latitude = 0, longitude = 0;
  std::string provider;
  absl::Time recorded_at = absl::InfinitePast();  // unknown unless Zalo says
};

struct ZaloOptions {
  std::string graph_base_url = "https://graph.zalo.me";
  std::string app_secret;
  absl::Duration timeout = absl::Seconds(5);
};

// Zalo's Graph API, as the Mini App login needs it:
//   GET {base}/v2.0/me?fields=id,name,picture  headers access_token, appsecret_proof
//   GET {base}/v2.0/me/info                    headers access_token, code, secret_key
//     (code: a getPhoneNumber token → data.number; a getLocation token → data.latitude, data.longitude)
// appsecret_proof is the lowercase hex HMAC-SHA256 of the access token keyed by
// the app secret. Zalo answers errors as {"error": <non-zero>, "message": ...}.
class ZaloGraphClient {
 public:
  ZaloGraphClient(http::Client& http, ZaloOptions options) : http_(http), options_(std::move(options)) {}

  // UNAUTHENTICATED when Zalo refuses the token, UNAVAILABLE when Zalo cannot be reached.
  void GetMe(const std::string& access_token, std::function<void(absl::StatusOr<ZaloUser>)> done);
  // The phone number ("84...") behind a getPhoneNumber token.
  void GetPhoneNumber(const std::string& access_token, const std::string& phone_token,
                      std::function<void(absl::StatusOr<std::string>)> done);

  // The place behind a getLocation token (the same me/info call, the token as `code`).
  void GetLocation(const std::string& access_token, const std::string& location_token,
                   std::function<void(absl::StatusOr<ZaloPoint>)> done);

  static std::string AppSecretProof(const std::string& access_token, const std::string& app_secret);

 private:
  http::Client& http_;
  ZaloOptions options_;
};

}  // namespace laso::gateway
