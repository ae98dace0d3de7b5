#include "services/gateway/cors.h"

#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

namespace laso::gateway {
namespace {

namespace bhttp = boost::beast::http;

http::Request Preflight(const std::string& origin) {
  http::Request req{bhttp::verb::options, "/v1/feedback", 11};
  req.set(bhttp::field::origin, origin);
  req.set(bhttp::field::access_control_request_method, "POST");
  req.set(bhttp::field::access_control_request_headers, "authorization, content-type, idempotency-key");
  return req;
}

TEST(CorsTest, PreflightForTheMiniApp) {
  Cors cors({"https://h5.zdn.vn", "http://localhost:3000"}, absl::Minutes(10));
  ASSERT_TRUE(Cors::IsPreflight(Preflight("https://h5.zdn.vn")));
  http::Response res = cors.Preflight(Preflight("https://h5.zdn.vn"));
  EXPECT_EQ(res.result(), bhttp::status::no_content);
  EXPECT_EQ(res[bhttp::field::access_control_allow_origin], "https://h5.zdn.vn");
  EXPECT_NE(res[bhttp::field::access_control_allow_headers].find("Idempotency-Key"), std::string::npos);
  EXPECT_NE(res[bhttp::field::access_control_allow_headers].find("X-Request-Id"), std::string::npos);
  EXPECT_EQ(res[bhttp::field::access_control_max_age], "600");
  EXPECT_EQ(res[bhttp::field::vary], "Origin");
}

TEST(CorsTest, OtherOriginsGetNoCorsHeaders) {
  Cors cors({"https://h5.zdn.vn"}, absl::Minutes(10));
  http::Response res = cors.Preflight(Preflight("https://evil.example"));
  EXPECT_EQ(res.result(), bhttp::status::forbidden);
  EXPECT_EQ(res.count(bhttp::field::access_control_allow_origin), 0u);
  http::Response actual{bhttp::status::ok, 11};
  cors.Decorate("https://evil.example", &actual);
  EXPECT_EQ(actual.count(bhttp::field::access_control_allow_origin), 0u);
  cors.Decorate("https://h5.zdn.vn", &actual);
  EXPECT_EQ(actual[bhttp::field::access_control_allow_origin], "https://h5.zdn.vn");
  EXPECT_NE(actual[bhttp::field::access_control_allow_origin], "*");
}

TEST(CorsTest, PlainOptionsIsNotAPreflight) {
  http::Request req{bhttp::verb::options, "/", 11};
  EXPECT_FALSE(Cors::IsPreflight(req));
}

}  // namespace
}  // namespace laso::gateway
