#pragma once

#include <set>
#include <string>

#include "absl/time/time.h"
#include "common/http/server.h"

namespace laso::gateway {

// CORS for the Zalo Mini App (origin https://h5.zdn.vn) and local development.
// Only listed origins get CORS headers, echoed exactly: never "*", so the
// question of "*" with credentials never arises.
class Cors {
 public:
  Cors(const std::vector<std::string>& origins, absl::Duration max_age);

  bool Allows(absl::string_view origin) const { return origins_.count(std::string(origin)) > 0; }
  static bool IsPreflight(const http::Request& request);
  // 204 with the allowed methods and headers, or 403 for an origin not listed.
  http::Response Preflight(const http::Request& request) const;
  // Adds Access-Control-Allow-Origin and friends for an allowed origin.
  void Decorate(absl::string_view origin, http::Response* response) const;

 private:
  std::set<std::string> origins_;
  absl::Duration max_age_;
};

}  // namespace laso::gateway
