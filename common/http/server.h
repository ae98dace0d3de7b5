#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

// An HTTP/1.1 server on Boost.Beast: keep-alive, optional TLS, a bounded head
// and body per request, timeouts for slow or silent clients, a cap on
// connections, and handlers that answer asynchronously from any thread, so no
// thread waits on a backend.
namespace laso::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
using RequestHead = boost::beast::http::request_header<>;

// Beast speaks std::string_view; laso speaks absl::string_view, a distinct type
// in Debian's abseil. This bridges the two without copying.
inline absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

struct Peer {
  std::string ip;
  bool tls = false;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: the system chooses
  int threads = 2;
  uint32_t max_header_bytes = 16 * 1024;
  uint64_t max_body_bytes = 1 << 20;  // when the handler does not say otherwise
  absl::Duration header_timeout = absl::Seconds(10);  // to receive a request head
  absl::Duration body_timeout = absl::Seconds(30);    // to receive a body
  absl::Duration idle_timeout = absl::Seconds(60);    // between requests on a connection
  absl::Duration write_timeout = absl::Seconds(30);
  int max_connections = 10000;
  std::string tls_cert_file;  // both set: HTTPS
  std::string tls_key_file;
};

// What to do with a request once its head has arrived.
struct HeadDecision {
  uint64_t max_body_bytes = 0;     // 0: the server default
  std::optional<Response> reject;  // answer now, without reading the body
};

// A body sent in pieces (chunked transfer encoding), for one too big to hold
// (a CSV export of a year's reports). The server asks for each piece once the
// one before is written, so a slow client slows the source instead of piling
// the body up in memory.
class BodySource {
 public:
  // A piece, or std::nullopt at the end, or a failure: then the connection
  // closes without the last chunk, so the client sees a broken transfer, never
  // a short body taken as whole.
  using Piece = absl::StatusOr<std::optional<std::string>>;
  virtual ~BodySource() = default;
  // `give` runs once, from any thread.
  virtual void Next(std::function<void(Piece)> give) = 0;
  // The client went away (or a write timed out): no more Next; let go of what it holds.
  virtual void Cancel() = 0;
};

// How a handler answers, exactly once: whole, or as a head and a streamed body.
class Responder {
 public:
  using Whole = std::function<void(Response)>;
  using Streamed = std::function<void(Response, std::shared_ptr<BodySource>)>;
  // Without `streamed`, a streamed body is gathered and sent whole (handlers' own tests).
  Responder(Whole whole, Streamed streamed = nullptr) : whole_(std::move(whole)), streamed_(std::move(streamed)) {}
  template <typename F, typename = std::enable_if_t<std::is_invocable_v<F, Response>>>
  Responder(F whole) : Responder(Whole(std::move(whole))) {}

  void operator()(Response response) const { whole_(std::move(response)); }
  // `head`'s status and fields, then the source's pieces as the body.
  void Stream(Response head, std::shared_ptr<BodySource> body) const;

 private:
  Whole whole_;
  Streamed streamed_;
};

class Handler {
 public:
  virtual ~Handler() = default;
  // Called when the head has arrived, before the body is read: refuse early
  // (unknown route, body too large) and choose the body limit.
  virtual HeadDecision OnHead(const RequestHead& head, const Peer& peer) { return {}; }
  // Must answer through respond exactly once, from any thread.
  virtual void Handle(Request request, const Peer& peer, Responder respond) = 0;
  // The response for errors the server detects itself (malformed request,
  // head or body too large, timeout, too many connections).
  virtual Response ErrorResponse(int status, absl::string_view message);
};

class Server {
 public:
  Server(ServerOptions options, Handler* handler);
  // On an event loop the caller owns and shares with its clients (Redis, HTTP).
  Server(ServerOptions options, Handler* handler, boost::asio::io_context& ioc);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  absl::Status Start();
  int port() const { return port_; }
  // Stops accepting, lets requests in progress finish for up to `drain`, then stops.
  void Stop(absl::Duration drain = absl::Seconds(5));
  // The event loop, for asynchronous clients that should share it.
  boost::asio::io_context& io_context() { return *ioc_; }

  int64_t open_connections() const;
  uint64_t accepted_connections() const;

  struct State;

 private:
  void Accept();

  ServerOptions options_;
  std::unique_ptr<boost::asio::io_context> owned_ioc_;
  boost::asio::io_context* ioc_;
  std::shared_ptr<State> state_;
  std::vector<std::thread> threads_;
  int port_ = 0;
  bool started_ = false;
};

}  // namespace laso::http
