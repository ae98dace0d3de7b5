#include "common/http/client.h"

#include <thread>

#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "common/http/server.h"
#include "common/testing/ports.h"
#include "common/testing/temp_dir.h"
#include "tests/common/http/self_signed.h"

namespace laso::http {
namespace {

namespace bhttp = boost::beast::http;

class EchoHandler : public Handler {
 public:
  void Handle(Request request, const Peer&, Responder respond) override {
    if (request.target() == "/never") {
      // Answer only after the client gave up.
      std::thread([respond] {
        absl::SleepFor(absl::Seconds(2));
        respond(Response{bhttp::status::ok, 11});
      }).detach();
      return;
    }
    Response res{bhttp::status::created, 11};
    res.set("X-Seen-Header", std::string(request["X-Test"]));
    res.body() = std::string(request.method_string()) + ":" + request.body();
    respond(std::move(res));
  }
};

TEST(ClientTest, FetchesWithHeadersAndBody) {
  EchoHandler handler;
  Server server(ServerOptions{}, &handler);
  ASSERT_TRUE(server.Start().ok());
  ClientRequest req;
  req.method = "POST";
  req.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/x";
  req.headers = {{"X-Test", "xin chào"}};
  req.body = "body";
  auto res = Client::FetchSync(req);
  ASSERT_TRUE(res.ok()) << res.status();
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->body, "POST:body");
  EXPECT_EQ(res->Header("x-seen-header"), "xin chào");
  server.Stop();
}

TEST(ClientTest, TimesOutInsteadOfHanging) {
  EchoHandler handler;
  Server server(ServerOptions{}, &handler);
  ASSERT_TRUE(server.Start().ok());
  ClientRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/never";
  req.timeout = absl::Milliseconds(200);
  absl::Time start = absl::Now();
  auto res = Client::FetchSync(req);
  EXPECT_EQ(res.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  server.Stop(absl::Seconds(3));
}

TEST(ClientTest, UnreachableIsUnavailable) {
  ClientRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(testing::FreePort()) + "/";
  EXPECT_EQ(Client::FetchSync(req).status().code(), absl::StatusCode::kUnavailable);
  req.url = "not a url";
  EXPECT_EQ(Client::FetchSync(req).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ClientTest, HttpsVerifiesTheServer) {
  // A self-signed certificate is not trusted by the system's CAs: refused.
  testing::TempDir dir;
  ServerOptions options;
  ASSERT_TRUE(WriteSelfSignedCertificate(dir.path(), &options.tls_cert_file, &options.tls_key_file));
  EchoHandler handler;
  Server server(options, &handler);
  ASSERT_TRUE(server.Start().ok());
  ClientRequest req;
  req.url = "https://localhost:" + std::to_string(server.port()) + "/x";
  auto res = Client::FetchSync(req);
  EXPECT_EQ(res.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(res.status().message().find("TLS"), std::string::npos) << res.status();
  server.Stop();
}

}  // namespace
}  // namespace laso::http
