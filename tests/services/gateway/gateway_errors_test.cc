#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/services/gateway/gateway_fixture.h"

namespace laso::gateway {
namespace {

void ExpectErrorShape(const testing::HttpResult& r, int code, const std::string& status) {
  EXPECT_EQ(r.status, code) << r.body;
  auto j = r.Json();
  ASSERT_TRUE(j.is_object()) << r.body;
  EXPECT_EQ(j["error"]["code"], code) << r.body;
  EXPECT_EQ(j["error"]["status"], status) << r.body;
  EXPECT_TRUE(j["error"]["message"].is_string());
  EXPECT_TRUE(j["error"]["details"].is_array());
  EXPECT_EQ(r.Header("Content-Type"), "application/json; charset=utf-8");
}

TEST_F(GatewayTest, TheWholeGrpcToHttpTable) {
  const std::tuple<int, int, const char*> table[] = {
      {1, 499, "CANCELLED"},          {2, 500, "UNKNOWN"},           {3, 400, "INVALID_ARGUMENT"},
      {4, 504, "DEADLINE_EXCEEDED"},  {5, 404, "NOT_FOUND"},         {6, 409, "ALREADY_EXISTS"},
      {7, 403, "PERMISSION_DENIED"},  {8, 429, "RESOURCE_EXHAUSTED"}, {9, 400, "FAILED_PRECONDITION"},
      {10, 409, "ABORTED"},           {11, 400, "OUT_OF_RANGE"},     {12, 501, "UNIMPLEMENTED"},
      {13, 500, "INTERNAL"},          {14, 503, "UNAVAILABLE"},      {15, 500, "DATA_LOSS"},
      {16, 401, "UNAUTHENTICATED"}};
  for (const auto& [grpc_code, http, name] : table) {
    auto r = client_->Get(absl::StrCat("/v1/test/fail/", grpc_code, "?message=Th%C3%B4ng%20b%C3%A1o"));
    SCOPED_TRACE(name);
    ExpectErrorShape(r, http, name);
  }
  // Internal details stay inside; the user gets a request id to quote.
  auto internal = client_->Get("/v1/test/fail/13?message=no%20such%20table%20dossiers");
  EXPECT_EQ(internal.Json()["error"]["message"].get<std::string>().find("dossiers"), std::string::npos);
  EXPECT_NE(internal.Json()["error"]["message"].get<std::string>().find(internal.Header("X-Request-Id")),
            std::string::npos);
}

TEST_F(GatewayTest, FieldViolationsAreDetails) {
  auto r = client_->Get("/v1/test/fail/3?message=M%C3%B4%20t%E1%BA%A3%20qu%C3%A1%20ng%E1%BA%AFn&field=description");
  ExpectErrorShape(r, 400, "INVALID_ARGUMENT");
  auto details = r.Json()["error"]["details"];
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0]["@type"], "type.googleapis.com/google.rpc.BadRequest");
  EXPECT_EQ(details[0]["fieldViolations"][0]["field"], "description");
  EXPECT_EQ(r.Json()["error"]["message"], "Mô tả quá ngắn");
}

TEST_F(GatewayTest, HttpLevelErrors) {
  ExpectErrorShape(client_->Get("/v1/no/such/route"), 404, "NOT_FOUND");
  auto wrong_method = client_->Send("DELETE", "/v1/test/echo");
  ExpectErrorShape(wrong_method, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(wrong_method.Header("Allow"), "POST");
  auto malformed = client_->PostJson("/v1/test/echo", R"({"message": "unterminated)");
  ExpectErrorShape(malformed, 400, "INVALID_ARGUMENT");
  EXPECT_NE(malformed.Json()["error"]["message"].get<std::string>().find("JSON"), std::string::npos);
  auto unknown = client_->PostJson("/v1/test/echo", R"({"message":"x","isAdmin":true})");
  ExpectErrorShape(unknown, 400, "INVALID_ARGUMENT");
  EXPECT_NE(unknown.Json()["error"]["message"].get<std::string>().find("isAdmin"), std::string::npos);
  ExpectErrorShape(client_->Send("POST", "/v1/test/echo", "message=x", {{"Content-Type", "application/x-www-form-urlencoded"}}),
                   415, "UNSUPPORTED_MEDIA_TYPE");
  ExpectErrorShape(client_->Get("/v1/shelves/s1/books?page_size=lots"), 400, "INVALID_ARGUMENT");
  ExpectErrorShape(client_->Get("/v1/shelves/s1/books?bad=%zz"), 400, "INVALID_ARGUMENT");
}

TEST_F(GatewayTest, BodiesOverTheLimitAre413) {
  std::string big(2 << 20, 'x');  // over the default 1 MiB
  auto r = client_->Send("POST", "/v1/test/echo", big, {{"Content-Type", "application/json"}});
  ExpectErrorShape(r, 413, "PAYLOAD_TOO_LARGE");
  ASSERT_EQ(client_->PostJson("/v1/shelves/s1/books", R"({"id":"b1"})").status, 200);
  std::string huge(4 << 20, 'x');  // over the upload route's own 3 MB
  auto up = client_->Send("POST", "/v1/shelves/s1/books/b1/cover", huge, {{"Content-Type", "image/png"}});
  ExpectErrorShape(up, 413, "PAYLOAD_TOO_LARGE");
}

TEST_F(GatewayTest, OversizedHeadersAre431) {
  auto r = client_->Get("/v1/test/whoami", {{"X-Junk", std::string(20000, 'a')}});
  ExpectErrorShape(r, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE");
}

TEST_F(GatewayTest, GarbageIsA400) {
  std::string answer = client_->SendRaw("HELLO WORLD\r\n\r\n");
  EXPECT_NE(answer.find("400"), std::string::npos) << answer;
}

TEST_F(GatewayTest, BackendDownIs503AndRecovers) {
  ASSERT_EQ(client_->PostJson("/v1/test/echo", "{}").status, 200);
  StopBackend();
  auto r = client_->PostJson("/v1/test/echo", "{}");
  ExpectErrorShape(r, 503, "UNAVAILABLE");
  // Routes of other backends keep working: the gateway's own still answer.
  EXPECT_EQ(client_->PostJson("/v1/auth/zalo", R"({"accessToken":"nope"})").status, 401);
  // The service comes back where it was: the gateway reconnects by itself.
  backend_ = std::make_unique<testing::GrpcTestServer>(
      std::vector<grpc::Service*>{echo_.get(), library_.get()}, backend_port_);
  EXPECT_EQ(PollUntil(200, [&] { return client_->PostJson("/v1/test/echo", "{}").status; }), 200);
}

class GatewayDeadlineTest : public GatewayTest {
  void Configure(config::Config& config) override {
    ASSERT_TRUE(config.Set("gateway.route_deadlines", "laso.testing.v1.Echo/Slow=300ms").ok());
  }
};

TEST_F(GatewayDeadlineTest, ASlowBackendIs504AtTheDeadlineAndOthersKeepFlowing) {
  std::vector<std::thread> slow;
  std::vector<int> codes(8);
  absl::Time start = absl::Now();
  for (int i = 0; i < 8; ++i) {
    slow.emplace_back([&, i] {
      testing::HttpTestClient c(gateway_->port());
      codes[i] = c.Get("/v1/test/slow?millis=3000").status;
    });
  }
  absl::SleepFor(absl::Milliseconds(50));
  // While eight calls hang in the backend, the gateway serves everything else.
  for (int i = 0; i < 10; ++i) ASSERT_EQ(client_->PostJson("/v1/test/echo", "{}").status, 200);
  for (auto& t : slow) t.join();
  absl::Duration took = absl::Now() - start;
  for (int code : codes) EXPECT_EQ(code, 504);
  EXPECT_LT(took, absl::Seconds(2)) << "504 should come at the 300 ms deadline";
  auto r = client_->Get("/v1/test/slow?millis=3000");
  ExpectErrorShape(r, 504, "DEADLINE_EXCEEDED");
}

class GatewaySlowClientTest : public GatewayTest {
  void Configure(config::Config& config) override {
    ASSERT_TRUE(config.Set("http.header_timeout", "300ms").ok());
    ASSERT_TRUE(config.Set("http.body_timeout", "300ms").ok());
  }
};

TEST_F(GatewaySlowClientTest, AClientThatNeverFinishesItsHeadIsCutOff) {
  absl::Time start = absl::Now();
  std::string answer = client_->SendRaw("GET /v1/test/whoami HTTP/1.1\r\nHost: x\r\n", 5000);
  // Closed by the gateway at its 300 ms header timeout, not by our 5 s patience.
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  EXPECT_EQ(answer, "");
}

TEST_F(GatewaySlowClientTest, AClientThatNeverFinishesItsBodyIsCutOff) {
  absl::Time start = absl::Now();
  std::string answer = client_->SendRaw(
      "POST /v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"mes",
      5000);
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  EXPECT_EQ(answer, "");
  ASSERT_EQ(client_->PostJson("/v1/test/echo", "{}").status, 200);  // and the gateway is fine
}

}  // namespace
}  // namespace laso::gateway
