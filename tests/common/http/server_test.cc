#include "common/http/server.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

#include "common/testing/http_test_client.h"
#include "common/testing/temp_dir.h"
#include "tests/common/http/self_signed.h"

namespace laso::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

class HelloHandler : public Handler {
 public:
  void Handle(Request request, const Peer& peer, Responder respond) override {
    Response res{bhttp::status::ok, request.version()};
    res.body() = absl_body(request, peer);
    respond(std::move(res));
  }

 private:
  static std::string absl_body(const Request& r, const Peer& peer) {
    return std::string(r.method_string()) + " " + std::string(r.target()) + " " + r.body() + (peer.tls ? " tls" : "");
  }
};

// Pieces handed over from another thread, as a backend stream delivers them.
class CountingSource : public BodySource {
 public:
  CountingSource(int pieces, bool fail_at_end) : pieces_(pieces), fail_at_end_(fail_at_end) {}
  void Next(std::function<void(Piece)> give) override {
    int n = sent_++;
    std::thread([this, n, give = std::move(give)] {
      if (n < pieces_) return give(std::optional<std::string>(absl::StrCat("piece ", n, ";")));
      if (fail_at_end_) return give(absl::UnavailableError("backend gone"));
      give(std::optional<std::string>());
    }).detach();
  }
  void Cancel() override {}

 private:
  const int pieces_;
  const bool fail_at_end_;
  std::atomic<int> sent_{0};
};

class StreamingHandler : public Handler {
 public:
  void Handle(Request request, const Peer&, Responder respond) override {
    if (request.target() == "/plain") {
      Response res{bhttp::status::ok, request.version()};
      res.body() = "plain";
      return respond(std::move(res));
    }
    Response head{bhttp::status::ok, request.version()};
    head.set(bhttp::field::content_type, "text/csv; charset=utf-8");
    last = std::make_shared<CountingSource>(5, request.target() == "/broken");
    respond.Stream(std::move(head), last);
  }
  std::shared_ptr<CountingSource> last;
};

TEST(ServerTest, StreamsABodyInChunksAndKeepsTheConnection) {
  StreamingHandler handler;
  Server server(ServerOptions{}, &handler);
  ASSERT_TRUE(server.Start().ok());
  testing::HttpTestClient client(server.port());
  auto streamed = client.Get("/export");
  EXPECT_EQ(streamed.status, 200);
  EXPECT_EQ(streamed.Header("transfer-encoding"), "chunked");
  EXPECT_EQ(streamed.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(streamed.body, "piece 0;piece 1;piece 2;piece 3;piece 4;");
  EXPECT_EQ(client.Get("/plain").body, "plain");  // the same connection, after the last chunk
  EXPECT_EQ(client.connections_opened(), 1);
  server.Stop();
}

TEST(ServerTest, ABrokenStreamEndsWithoutTheLastChunk) {
  StreamingHandler handler;
  Server server(ServerOptions{}, &handler);
  ASSERT_TRUE(server.Start().ok());
  testing::HttpTestClient client(server.port());
  std::string raw = client.SendRaw("GET /broken HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(raw.find("piece 4;"), std::string::npos) << raw;
  EXPECT_EQ(raw.find("\r\n0\r\n\r\n"), std::string::npos) << raw;  // never a complete body
  server.Stop();
}

TEST(ResponderTest, WithoutStreamingTheBodyIsGatheredWhole) {
  std::promise<Response> got;
  Responder respond([&](Response r) { got.set_value(std::move(r)); });
  Response head{bhttp::status::ok, 11};
  respond.Stream(std::move(head), std::make_shared<CountingSource>(3, false));
  auto future = got.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(future.get().body(), "piece 0;piece 1;piece 2;");
}

TEST(ServerTest, AnswersOverKeepAlive) {
  HelloHandler handler;
  Server server(ServerOptions{}, &handler);
  ASSERT_TRUE(server.Start().ok());
  testing::HttpTestClient client(server.port());
  EXPECT_EQ(client.Get("/a").body, "GET /a ");
  EXPECT_EQ(client.Send("POST", "/b", "xyz").body, "POST /b xyz");
  EXPECT_EQ(client.connections_opened(), 1);
  EXPECT_EQ(server.accepted_connections(), 1u);
  server.Stop();
}

TEST(ServerTest, ServesHttpsWithTheConfiguredCertificate) {
  testing::TempDir dir;
  ServerOptions options;
  ASSERT_TRUE(WriteSelfSignedCertificate(dir.path(), &options.tls_cert_file, &options.tls_key_file));
  HelloHandler handler;
  Server server(options, &handler);
  ASSERT_TRUE(server.Start().ok());

  asio::io_context ioc;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.load_verify_file(options.tls_cert_file);  // trust exactly this certificate
  tls.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, tls);
  stream.set_verify_callback(asio::ssl::host_name_verification("localhost"));
  SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
  beast::get_lowest_layer(stream).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
  stream.handshake(asio::ssl::stream_base::client);
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/secure", 11};
  req.set(bhttp::field::host, "localhost");
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res);
  EXPECT_EQ(res.body(), "GET /secure  tls");

  // Plain HTTP to the TLS port gets nothing useful.
  testing::HttpTestClient plain(server.port());
  EXPECT_NE(plain.Get("/x").status, 200);
  server.Stop();
}

TEST(ServerTest, RefusesABadCertificateAtStart) {
  ServerOptions options;
  options.tls_cert_file = "/nonexistent/cert.pem";
  options.tls_key_file = "/nonexistent/key.pem";
  HelloHandler handler;
  Server server(options, &handler);
  EXPECT_EQ(server.Start().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ServerTest, RefusesAnAddressInUse) {
  HelloHandler handler;
  Server first(ServerOptions{}, &handler);
  ASSERT_TRUE(first.Start().ok());
  ServerOptions options;
  options.port = first.port();
  Server second(options, &handler);
  EXPECT_EQ(second.Start().code(), absl::StatusCode::kUnavailable);
  first.Stop();
}

}  // namespace
}  // namespace laso::http
