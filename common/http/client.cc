#include "common/http/client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/http/url.h"

namespace laso::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr uint64_t kMaxResponseBytes = 16 << 20;

template <class Stream>
class FetchOp : public std::enable_shared_from_this<FetchOp<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
  using Done = std::function<void(absl::StatusOr<ClientResponse>)>;

  FetchOp(Stream stream, asio::io_context& ioc, Url url, ClientRequest request, Done done)
      : stream_(std::move(stream)), resolver_(asio::make_strand(ioc)), url_(std::move(url)),
        timeout_(request.timeout), done_(std::move(done)) {
    req_.method_string(request.method);
    req_.target(url_.target);
    req_.version(11);
    req_.set(bhttp::field::host, url_.host);
    req_.set(bhttp::field::user_agent, "laso");
    for (const auto& [name, value] : request.headers) req_.set(name, value);
    req_.body() = std::move(request.body);
    req_.prepare_payload();
    parser_.body_limit(kMaxResponseBytes);
  }

  void Run() {
    deadline_ = std::chrono::steady_clock::now() + std::chrono::nanoseconds(absl::ToInt64Nanoseconds(timeout_));
    if constexpr (kTls) {
      if (!SSL_set_tlsext_host_name(stream_.native_handle(), url_.host.c_str())) {
        return Finish(absl::InternalError("cannot set TLS server name"));
      }
      stream_.set_verify_callback(asio::ssl::host_name_verification(url_.host));
    }
    resolver_.async_resolve(url_.host, url_.port,
                            [self = this->shared_from_this()](beast::error_code ec, tcp::resolver::results_type r) {
                              self->OnResolve(ec, std::move(r));
                            });
  }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void OnResolve(beast::error_code ec, tcp::resolver::results_type results) {
    if (ec) return Fail(ec, "resolve");
    Lowest().expires_at(deadline_);
    Lowest().async_connect(results, [self = this->shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
      if (ec) return self->Fail(ec, "connect");
      if constexpr (kTls) {
        self->stream_.async_handshake(asio::ssl::stream_base::client, [self](beast::error_code ec) {
          if (ec) return self->Fail(ec, "TLS handshake");
          self->Write();
        });
      } else {
        self->Write();
      }
    });
  }

  void Write() {
    Lowest().expires_at(deadline_);
    bhttp::async_write(stream_, req_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Fail(ec, "write");
      self->Lowest().expires_at(self->deadline_);
      bhttp::async_read(self->stream_, self->buffer_, self->parser_,
                        [self](beast::error_code ec, size_t) { self->OnRead(ec); });
    });
  }

  void OnRead(beast::error_code ec) {
    if (ec) return Fail(ec, "read");
    ClientResponse out;
    auto& res = parser_.get();
    out.status = res.result_int();
    out.body = std::move(res.body());
    for (const auto& field : res) {
      out.headers.emplace_back(absl::AsciiStrToLower(std::string(field.name_string())), std::string(field.value()));
    }
    beast::error_code ignored;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    Finish(std::move(out));
  }

  void Fail(beast::error_code ec, absl::string_view step) {
    if (ec == beast::error::timeout) {
      return Finish(absl::DeadlineExceededError(absl::StrCat(url_.host, ": no answer in time (", step, ")")));
    }
    Finish(absl::UnavailableError(absl::StrCat(url_.host, ": ", step, " failed: ", ec.message())));
  }

  void Finish(absl::StatusOr<ClientResponse> result) {
    if (!done_) return;
    Done done = std::move(done_);
    done_ = nullptr;
    done(std::move(result));
  }

  Stream stream_;
  tcp::resolver resolver_;
  Url url_;
  absl::Duration timeout_;
  Done done_;
  std::chrono::steady_clock::time_point deadline_;
  bhttp::request<bhttp::string_body> req_;
  bhttp::response_parser<bhttp::string_body> parser_;
  beast::flat_buffer buffer_;
};

}  // namespace

struct Client::Impl {
  explicit Impl(asio::io_context& io) : ioc(io), tls(asio::ssl::context::tls_client) {
    tls.set_default_verify_paths();
    tls.set_verify_mode(asio::ssl::verify_peer);
  }
  asio::io_context& ioc;
  asio::ssl::context tls;
};

std::string ClientResponse::Header(const std::string& name) const {
  std::string lower = absl::AsciiStrToLower(name);
  for (const auto& [n, v] : headers) {
    if (n == lower) return v;
  }
  return "";
}

Client::Client(asio::io_context& ioc) : impl_(std::make_shared<Impl>(ioc)) {}

Client::~Client() = default;

void Client::Fetch(ClientRequest request, std::function<void(absl::StatusOr<ClientResponse>)> done) {
  auto url = ParseUrl(request.url);
  if (!url.ok()) return done(url.status());
  if (url->scheme == "https") {
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(asio::make_strand(impl_->ioc)), impl_->tls);
    std::make_shared<FetchOp<beast::ssl_stream<beast::tcp_stream>>>(std::move(stream), impl_->ioc, std::move(*url),
                                                                    std::move(request), std::move(done))
        ->Run();
  } else {
    beast::tcp_stream stream(asio::make_strand(impl_->ioc));
    std::make_shared<FetchOp<beast::tcp_stream>>(std::move(stream), impl_->ioc, std::move(*url), std::move(request),
                                                  std::move(done))
        ->Run();
  }
}

absl::StatusOr<ClientResponse> Client::FetchSync(ClientRequest request) {
  asio::io_context ioc;
  Client client(ioc);
  absl::StatusOr<ClientResponse> result = absl::UnknownError("not run");
  client.Fetch(std::move(request), [&](absl::StatusOr<ClientResponse> r) { result = std::move(r); });
  ioc.run();
  return result;
}

}  // namespace laso::http
