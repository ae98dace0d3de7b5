#include "common/http/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log/log.h"

namespace laso::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::chrono::steady_clock::duration ToChrono(absl::Duration d) {
  return std::chrono::nanoseconds(absl::ToInt64Nanoseconds(d));
}

}  // namespace

namespace {

// Gathers a streamed body for a responder that cannot stream.
void Gather(std::shared_ptr<BodySource> body, std::shared_ptr<Response> response, Responder::Whole whole) {
  body->Next([body, response, whole = std::move(whole)](BodySource::Piece piece) mutable {
    if (!piece.ok()) {
      Response failed{bhttp::status::internal_server_error, 11};
      failed.body() = std::string(piece.status().message());
      return whole(std::move(failed));
    }
    if (!*piece) return whole(std::move(*response));
    response->body() += **piece;
    Gather(std::move(body), std::move(response), std::move(whole));
  });
}

}  // namespace

void Responder::Stream(Response head, std::shared_ptr<BodySource> body) const {
  if (streamed_) return streamed_(std::move(head), std::move(body));
  head.body().clear();
  Gather(std::move(body), std::make_shared<Response>(std::move(head)), whole_);
}

Response Handler::ErrorResponse(int status, absl::string_view message) {
  Response res{static_cast<bhttp::status>(status), 11};
  res.set(bhttp::field::content_type, "text/plain; charset=utf-8");
  res.body() = std::string(message);
  return res;
}

struct Server::State {
  ServerOptions options;
  Handler* handler;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::ssl::context> tls;
  std::atomic<int64_t> open{0};
  std::atomic<uint64_t> accepted{0};
  std::atomic<int64_t> in_flight{0};
};

namespace {

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  Session(Stream stream, std::shared_ptr<Server::State> state, Peer peer)
      : stream_(std::move(stream)), state_(std::move(state)), peer_(std::move(peer)) {
    ++state_->open;
  }
  ~Session() {
    if (source_) source_->Cancel();
    --state_->open;
  }

  void Start() {
    if constexpr (kTls) {
      Lowest().expires_after(ToChrono(state_->options.header_timeout));
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->ReadHead();
                              });
    } else {
      ReadHead();
    }
  }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void ReadHead() {
    head_parser_.emplace();
    head_parser_->header_limit(state_->options.max_header_bytes);
    // Beast 1.74 compares against an empty optional as if it were 0: use a number.
    head_parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    const auto& o = state_->options;
    Lowest().expires_after(ToChrono(requests_ == 0 ? o.header_timeout : o.idle_timeout));
    bhttp::async_read_header(stream_, buffer_, *head_parser_,
                             [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnHead(ec); });
  }

  void OnHead(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) return SendAndClose(431, "Request header fields too large");
    // On a timeout Beast has already closed the socket: nothing more can be said.
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted || ec == bhttp::error::partial_message) {
      return Close();
    }
    if (ec) {
      log::Info("malformed request", {{"error", ec.message()}});
      return SendAndClose(400, "Malformed HTTP request");
    }
    HeadDecision decision = state_->handler->OnHead(head_parser_->get(), peer_);
    if (decision.reject) return Send(std::move(*decision.reject), /*close=*/true);
    body_limit_ = decision.max_body_bytes ? decision.max_body_bytes : state_->options.max_body_bytes;
    const auto& head = head_parser_->get();
    if (auto length = head_parser_->content_length(); length && *length > body_limit_) {
      return SendAndClose(413, "Request body too large");
    }
    auto expect = head[bhttp::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      continue_ = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, head.version());
      Lowest().expires_after(ToChrono(state_->options.write_timeout));
      bhttp::async_write(stream_, *continue_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
        if (ec) return self->Close();
        self->ReadBody();
      });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    body_parser_.emplace(std::move(*head_parser_));
    body_parser_->body_limit(body_limit_);
    Lowest().expires_after(ToChrono(state_->options.body_timeout));
    bhttp::async_read(stream_, buffer_, *body_parser_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  void OnBody(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return SendAndClose(413, "Request body too large");
    if (ec) return Close();
    Lowest().expires_never();  // the handler's own deadline governs from here
    Request request = body_parser_->release();
    keep_alive_ = request.keep_alive();
    version_ = request.version();
    ++state_->in_flight;
    auto self = this->shared_from_this();
    Responder respond(
        [self](Response res) {
          asio::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable {
            --self->state_->in_flight;
            self->Send(std::move(res), /*close=*/false);
          });
        },
        [self](Response head, std::shared_ptr<BodySource> body) {
          asio::post(self->stream_.get_executor(), [self, head = std::move(head), body = std::move(body)]() mutable {
            --self->state_->in_flight;
            self->SendStream(std::move(head), std::move(body));
          });
        });
    state_->handler->Handle(std::move(request), peer_, std::move(respond));
  }

  // The head with Transfer-Encoding: chunked, then a chunk per piece, asking for
  // the next only once one is written; the last chunk keeps the connection for
  // the next request.
  void SendStream(Response head, std::shared_ptr<BodySource> body) {
    auto h = std::make_shared<bhttp::response<bhttp::empty_body>>(head.result(), version_);
    for (const auto& field : head) h->set(field.name_string(), field.value());
    h->keep_alive(keep_alive_ && head.keep_alive());
    h->chunked(true);
    auto sr = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*h);
    source_ = body;
    Lowest().expires_after(ToChrono(state_->options.write_timeout));
    bhttp::async_write_header(stream_, *sr, [self = this->shared_from_this(), h, sr](beast::error_code ec, size_t) {
      if (ec) return self->AbortStream();
      self->stream_keep_alive_ = h->keep_alive();
      self->NextPiece();
    });
  }

  void NextPiece() {
    Lowest().expires_never();  // the source's own deadline governs while it works
    source_->Next([self = this->shared_from_this()](BodySource::Piece piece) {
      asio::post(self->stream_.get_executor(),
                 [self, piece = std::move(piece)]() mutable { self->OnPiece(std::move(piece)); });
    });
  }

  void OnPiece(BodySource::Piece piece) {
    if (!piece.ok()) {
      log::Warn("streamed response broken off", {{"error", std::string(piece.status().message())}});
      source_.reset();
      beast::error_code ignored;
      Lowest().socket().close(ignored);  // no last chunk: the client knows the body is incomplete
      return;
    }
    Lowest().expires_after(ToChrono(state_->options.write_timeout));
    if (!*piece) {
      source_.reset();
      asio::async_write(stream_, bhttp::make_chunk_last(), [self = this->shared_from_this()](beast::error_code ec, size_t) {
        if (ec || !self->stream_keep_alive_) return self->Close();
        ++self->requests_;
        self->ReadHead();
      });
      return;
    }
    if ((*piece)->empty()) return NextPiece();  // an empty chunk would end the body
    auto data = std::make_shared<std::string>(std::move(**piece));
    asio::async_write(stream_, bhttp::make_chunk(asio::buffer(*data)),
                      [self = this->shared_from_this(), data](beast::error_code ec, size_t) {
                        if (ec) return self->AbortStream();
                        self->NextPiece();
                      });
  }

  void AbortStream() {
    if (source_) {
      source_->Cancel();
      source_.reset();
    }
    beast::error_code ignored;
    Lowest().socket().close(ignored);
  }

  void SendAndClose(int status, absl::string_view message) {
    version_ = 11;
    Send(state_->handler->ErrorResponse(status, message), /*close=*/true);
  }

  void Send(Response res, bool close) {
    res.version(version_);
    res.keep_alive(keep_alive_ && !close && res.keep_alive());
    res.prepare_payload();
    response_ = std::make_shared<Response>(std::move(res));
    Lowest().expires_after(ToChrono(state_->options.write_timeout));
    bhttp::async_write(stream_, *response_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      bool done = ec || self->response_->need_eof();
      self->response_.reset();
      if (done) return self->Close();
      ++self->requests_;
      self->ReadHead();
    });
  }

  void Close() {
    if constexpr (kTls) {
      Lowest().expires_after(std::chrono::seconds(2));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
        beast::error_code ignored;
        self->Lowest().socket().close(ignored);
      });
    } else {
      // A lingering close: stop sending, then read and drop what the client is
      // still sending (say the rest of a refused upload) for a moment. Closing
      // with unread input would reset the connection and could destroy our
      // answer before the client reads it.
      beast::error_code ignored;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      Lowest().expires_after(std::chrono::seconds(2));
      Drain();
    }
  }

  void Drain() {
    if (!drain_) drain_ = std::make_unique<char[]>(kDrainChunk);
    Lowest().async_read_some(asio::buffer(drain_.get(), kDrainChunk),
                             [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                               self->drained_ += n;
                               if (ec || self->drained_ > kMaxDrain) {
                                 beast::error_code ignored;
                                 self->Lowest().socket().close(ignored);
                                 return;
                               }
                               self->Drain();
                             });
  }

  static constexpr size_t kDrainChunk = 64 * 1024;
  static constexpr uint64_t kMaxDrain = 64ull << 20;
  std::unique_ptr<char[]> drain_;
  uint64_t drained_ = 0;

  Stream stream_;
  std::shared_ptr<Server::State> state_;
  Peer peer_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::empty_body>> head_parser_;
  std::optional<bhttp::request_parser<bhttp::string_body>> body_parser_;
  std::shared_ptr<Response> response_;
  std::shared_ptr<BodySource> source_;  // while a streamed body is being sent
  bool stream_keep_alive_ = false;
  std::shared_ptr<bhttp::response<bhttp::empty_body>> continue_;
  uint64_t body_limit_ = 0;
  bool keep_alive_ = true;
  unsigned version_ = 11;
  uint64_t requests_ = 0;
};

// Answers one canned response on a connection over the limit, then closes.
void RefuseConnection(tcp::socket socket, std::shared_ptr<Server::State> state) {
  auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
  auto res = std::make_shared<Response>(state->handler->ErrorResponse(503, "Too many connections"));
  res->keep_alive(false);
  res->prepare_payload();
  stream->expires_after(std::chrono::seconds(2));
  bhttp::async_write(*stream, *res, [stream, res](beast::error_code, size_t) {
    beast::error_code ignored;
    stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
  });
}

}  // namespace

Server::Server(ServerOptions options, Handler* handler)
    : Server(std::move(options), handler, *new asio::io_context()) {
  owned_ioc_.reset(ioc_);
}

Server::Server(ServerOptions options, Handler* handler, asio::io_context& ioc)
    : options_(std::move(options)), ioc_(&ioc), state_(std::make_shared<State>()) {
  state_->options = options_;
  state_->handler = handler;
}

Server::~Server() { Stop(absl::ZeroDuration()); }

absl::Status Server::Start() {
  if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty()) {
    try {
      state_->tls.emplace(asio::ssl::context::tls_server);
      state_->tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                               asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                               asio::ssl::context::no_tlsv1_1);
      state_->tls->use_certificate_chain_file(options_.tls_cert_file);
      state_->tls->use_private_key_file(options_.tls_key_file, asio::ssl::context::pem);
    } catch (const std::exception& e) {
      return absl::InvalidArgumentError(absl::StrCat("TLS certificate or key: ", e.what()));
    }
  }
  beast::error_code ec;
  auto address = asio::ip::make_address(options_.host, ec);
  if (ec) return absl::InvalidArgumentError(absl::StrCat("bad listen host ", options_.host));
  tcp::endpoint endpoint(address, static_cast<uint16_t>(options_.port));
  auto& acceptor = state_->acceptor.emplace(*ioc_);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options_.host, ":", options_.port, ": ", ec.message()));
  }
  port_ = acceptor.local_endpoint().port();
  Accept();
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    threads_.emplace_back([this] { ioc_->run(); });
  }
  started_ = true;
  return absl::OkStatus();
}

void Server::Accept() {
  state_->acceptor->async_accept(asio::make_strand(*ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !state_->acceptor->is_open()) return;
    if (!ec) {
      ++state_->accepted;
      beast::error_code peer_ec;
      auto remote = socket.remote_endpoint(peer_ec);
      Peer peer{peer_ec ? "" : remote.address().to_string(), state_->tls.has_value()};
      socket.set_option(tcp::no_delay(true), peer_ec);
      if (state_->open >= options_.max_connections) {
        RefuseConnection(std::move(socket), state_);
      } else if (state_->tls) {
        std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
            beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *state_->tls), state_,
            std::move(peer))
            ->Start();
      } else {
        std::make_shared<Session<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), state_, std::move(peer))
            ->Start();
      }
    }
    Accept();
  });
}

void Server::Stop(absl::Duration drain) {
  if (!started_) return;
  started_ = false;
  asio::post(state_->acceptor->get_executor(), [state = state_] {
    beast::error_code ignored;
    state->acceptor->close(ignored);
  });
  absl::Time deadline = absl::Now() + drain;
  while (state_->in_flight > 0 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(10));
  ioc_->stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

int64_t Server::open_connections() const { return state_->open; }

uint64_t Server::accepted_connections() const { return state_->accepted; }

}  // namespace laso::http
