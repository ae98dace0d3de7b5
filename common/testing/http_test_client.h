#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace laso::testing {

struct HttpResult {
  int status = 0;  // 0 when the connection failed or closed without an answer
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;
  std::string Header(const std::string& name) const;
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// A plain HTTP/1.1 client for tests that keeps its connection open between
// requests (for keep-alive checks) and reconnects when the server closed it.
class HttpTestClient {
 public:
  explicit HttpTestClient(int port);
  ~HttpTestClient();

  using Headers = std::vector<std::pair<std::string, std::string>>;
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body = "",
                  const Headers& headers = {});
  HttpResult Get(const std::string& target, const Headers& headers = {}) { return Send("GET", target, "", headers); }
  HttpResult PostJson(const std::string& target, const std::string& json, Headers headers = {});

  // Sends raw bytes and reads whatever comes back until the server closes or
  // the timeout passes (for malformed and slow requests).
  std::string SendRaw(const std::string& bytes, int timeout_ms = 2000);
  void Close();
  int connections_opened() const { return connections_opened_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_;
  int connections_opened_ = 0;
};

}  // namespace laso::testing
