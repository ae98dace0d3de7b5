#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/http/server.h"

// A stand-in for Zalo, which is outside our walls: a real HTTP server on
// loopback that answers the Graph endpoints laso uses (/v2.0/me,
// /v2.0/me/info), ZNS sending (/message/template) and the OA token refresh
// (/v4/oa/access_token) the way Zalo does, including its checks of
// appsecret_proof and secret_key and its {"error": <code>, "message": ...}
// answers. Tests drive it through /_test/ (create users and tokens, read what
// was sent, make the next sends fail).
namespace laso::fakezalo {

struct Options {
  std::string app_secret = "fake-zalo-app-secret";
  std::string oa_access_token = "fake-oa-access-token";
  std::string oa_refresh_token = "fake-oa-refresh-token";
};

class FakeZalo : public http::Handler {
 public:
  explicit FakeZalo(Options options) : options_(std::move(options)) {}

  void Handle(http::Request request, const http::Peer& peer, http::Responder respond) override;

  // Direct control for in-process tests (the same as the /_test/ endpoints).
  struct User {
    std::string id;
    std::string name;
    std::string phone;  // what getPhoneNumber reveals, "84..."
    std::string access_token;
    std::string phone_token;
    // What getLocation's token stands for (Chợ phường Tân An unless set).
    std::string location_token;
    double latitude = 10.5372, longitude = 106.4123;
  };
  // Empty tokens and id are generated.
  User AddUser(const std::string& name, const std::string& phone, const std::string& access_token = "",
               const std::string& id = "", const std::string& phone_token = "");
  // A getLocation token of the user's for this place (replacing the one before); "" for an unknown access token.
  std::string SetLocation(const std::string& access_token, double latitude, double longitude,
                          const std::string& location_token = "");
  void RevokeToken(const std::string& access_token);
  nlohmann::json Sent() const;   // ZNS messages received, oldest first
  nlohmann::json Stats() const;  // calls per endpoint
  // The next `count` ZNS sends fail: "500", "timeout" (no answer for 30 s), "quota" or
  // "reject" (Zalo refuses the message: the phone has no Zalo account).
  void FailNextSends(const std::string& mode, int count);
  // Every ZNS answer comes this much later (a slow Zalo), so tests can act mid-batch.
  void SetSendLatency(absl::Duration latency);
  // Expires the OA access token in use: the next sends are refused until a refresh.
  void ExpireOaToken();

 private:
  http::Response Me(const http::Request& request);
  http::Response MeInfo(const http::Request& request);
  http::Response SendZns(const http::Request& request, bool* stall);
  http::Response RefreshOaToken(const http::Request& request);
  http::Response Control(const http::Request& request, absl::string_view path);

  Options options_;
  mutable absl::Mutex mu_;
  std::map<std::string, User> users_by_token_ ABSL_GUARDED_BY(mu_);
  std::vector<nlohmann::json> sent_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int> calls_ ABSL_GUARDED_BY(mu_);
  std::string fail_mode_ ABSL_GUARDED_BY(mu_);
  int fail_count_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Duration latency_ ABSL_GUARDED_BY(mu_);
  int next_id_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace laso::fakezalo
