#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

// Outbound HTTP(S) without blocking a thread: the gateway's calls to Zalo.
// HTTPS verifies the server against the system's CA store and its host name.
namespace laso::http {

struct ClientRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  absl::Duration timeout = absl::Seconds(5);
};

struct ClientResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string Header(const std::string& name) const;
};

class Client {
 public:
  explicit Client(boost::asio::io_context& ioc);
  ~Client();

  // `done` runs once, on the io_context: UNAVAILABLE when the server cannot be
  // reached, DEADLINE_EXCEEDED on timeout, otherwise the response (any status).
  void Fetch(ClientRequest request, std::function<void(absl::StatusOr<ClientResponse>)> done);

  // Blocking convenience for command-line tools and tests (its own event loop).
  static absl::StatusOr<ClientResponse> FetchSync(ClientRequest request);

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace laso::http
