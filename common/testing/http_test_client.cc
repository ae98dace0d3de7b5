#include "common/testing/http_test_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "absl/strings/ascii.h"

namespace laso::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct HttpTestClient::Impl {
  asio::io_context ioc;
  std::unique_ptr<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
};

std::string HttpResult::Header(const std::string& name) const {
  auto it = headers.find(absl::AsciiStrToLower(name));
  return it == headers.end() ? "" : it->second;
}

HttpTestClient::HttpTestClient(int port) : impl_(std::make_unique<Impl>()), port_(port) {}

HttpTestClient::~HttpTestClient() { Close(); }

void HttpTestClient::Close() {
  if (impl_->stream) {
    beast::error_code ignored;
    impl_->stream->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    impl_->stream.reset();
  }
  impl_->buffer.clear();
}

HttpResult HttpTestClient::Send(const std::string& method, const std::string& target, const std::string& body,
                                const Headers& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    beast::error_code ec;
    if (!impl_->stream) {
      impl_->stream = std::make_unique<beast::tcp_stream>(impl_->ioc);
      impl_->stream->connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
      if (ec) {
        Close();
        return {};
      }
      ++connections_opened_;
    }
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    impl_->stream->expires_after(std::chrono::seconds(30));
    bhttp::write(*impl_->stream, req, ec);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    if (!ec) bhttp::read(*impl_->stream, impl_->buffer, parser, ec);
    if (ec) {
      // The server closed an idle keep-alive connection: try once on a new one.
      Close();
      continue;
    }
    auto res = parser.release();
    HttpResult result;
    result.status = res.result_int();
    for (const auto& field : res) {
      result.headers[absl::AsciiStrToLower(std::string(field.name_string()))] = std::string(field.value());
    }
    result.body = std::move(res.body());
    if (!res.keep_alive()) Close();
    return result;
  }
  return {};
}

HttpResult HttpTestClient::PostJson(const std::string& target, const std::string& json, Headers headers) {
  headers.emplace_back("Content-Type", "application/json");
  return Send("POST", target, json, headers);
}

std::string HttpTestClient::SendRaw(const std::string& bytes, int timeout_ms) {
  Close();
  beast::tcp_stream stream(impl_->ioc);
  beast::error_code ec;
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  if (ec) return "";
  ++connections_opened_;
  stream.expires_after(std::chrono::milliseconds(timeout_ms));
  asio::write(stream, asio::buffer(bytes), ec);
  std::string out;
  char buf[4096];
  while (true) {
    size_t n = stream.read_some(asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

}  // namespace laso::testing
