#include "common/http/server.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <gtest/gtest.h>

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
  void Handle(Request request, const Peer& peer, std::function<void(Response)> respond) override {
    Response res{bhttp::status::ok, request.version()};
    res.body() = absl_body(request, peer);
    respond(std::move(res));
  }

 private:
  static std::string absl_body(const Request& r, const Peer& peer) {
    return std::string(r.method_string()) + " " + std::string(r.target()) + " " + r.body() + (peer.tls ? " tls" : "");
  }
};

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
