#include "services/gateway/route_table.h"

#include <gtest/gtest.h>

#include "services/gateway/descriptor_registry.h"

namespace laso::gateway {
namespace {

class RouteTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto registry = DescriptorRegistry::Create({LASO_TEST_DESCRIPTOR_SET});
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    auto table = RouteTable::Build(registry_->Services());
    ASSERT_TRUE(table.ok()) << table.status();
    table_ = std::move(*table);
  }
  std::unique_ptr<DescriptorRegistry> registry_;
  RouteTable table_;
};

TEST_F(RouteTableTest, BuiltInAndExtraServicesAreRouted) {
  RouteMatch m;
  ASSERT_EQ(table_.Match("POST", "/v1/auth/zalo", &m, nullptr), RouteTable::Result::kFound);
  EXPECT_EQ(m.route->backend, "gateway");
  EXPECT_TRUE(m.route->access.public_());
  EXPECT_EQ(m.route->access.rate_limit(), "login");
  ASSERT_EQ(table_.Match("POST", "/v1/test/echo", &m, nullptr), RouteTable::Result::kFound);
  EXPECT_EQ(m.route->backend, "testing");
  EXPECT_EQ(m.route->grpc_path, "/laso.testing.v1.Echo/Echo");
  EXPECT_EQ(m.route->pattern, "POST /v1/test/echo");
}

TEST_F(RouteTableTest, AdditionalBindingsAndRawBodies) {
  RouteMatch m;
  ASSERT_EQ(table_.Match("GET", "/v1/books/shelves/a/books/b", &m, nullptr), RouteTable::Result::kFound);
  EXPECT_EQ(m.route->grpc_path, "/laso.testing.v1.Library/GetBook");
  ASSERT_EQ(table_.Match("POST", "/v1/shelves/a/books/b/cover", &m, nullptr), RouteTable::Result::kFound);
  EXPECT_TRUE(m.route->raw_request);
  EXPECT_EQ(m.route->access.max_body_bytes(), 3000000);
  ASSERT_EQ(table_.Match("GET", "/v1/shelves/a/books/b/cover", &m, nullptr), RouteTable::Result::kFound);
  EXPECT_TRUE(m.route->raw_response);
}

TEST_F(RouteTableTest, MethodNotAllowedListsTheAllowedMethods) {
  RouteMatch m;
  std::vector<std::string> allowed;
  ASSERT_EQ(table_.Match("POST", "/v1/shelves/a/books/b", &m, &allowed), RouteTable::Result::kMethodNotAllowed);
  EXPECT_EQ(allowed, (std::vector<std::string>{"DELETE", "GET", "PATCH", "PUT"}));
  EXPECT_EQ(table_.Match("GET", "/v1/nothing/here", &m, &allowed), RouteTable::Result::kNotFound);
}

TEST_F(RouteTableTest, VerbRoutesWinOverPlainOnes) {
  RouteMatch m;
  ASSERT_EQ(table_.Match("POST", "/v1/shelves/a/books/b:archive", &m, nullptr), RouteTable::Result::kFound);
  EXPECT_EQ(m.route->grpc_path, "/laso.testing.v1.Library/ArchiveBook");
}

// A concrete path for a template: each variable becomes "x" (or its pattern with x for *).
std::string ExamplePath(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') {
      out += text[i];
      continue;
    }
    size_t end = text.find('}', i);
    std::string var = text.substr(i + 1, end - i - 1);
    size_t eq = var.find('=');
    std::string pattern = eq == std::string::npos ? "*" : var.substr(eq + 1);
    for (char c : pattern) out += (c == '*') ? std::string("x") : std::string(1, c);
    i = end;
  }
  for (size_t at; (at = out.find("xx")) != std::string::npos;) out.erase(at, 1);  // "**" -> "x"
  return out;
}

TEST_F(RouteTableTest, EveryRouteIsReachedThroughItsBucket) {
  for (const Route& r : table_.routes()) {
    std::string path = ExamplePath(r.path.text());
    RouteMatch m;
    std::vector<std::string> allowed;
    ASSERT_EQ(table_.Match(r.http_method, path, &m, &allowed), RouteTable::Result::kFound)
        << r.http_method << " " << path << " for " << r.pattern;
    EXPECT_EQ(m.route->http_method, r.http_method);
  }
  RouteMatch m;
  ASSERT_EQ(table_.Match("GET", "/v1/feedback:nearby", &m, nullptr), RouteTable::Result::kFound);
  EXPECT_EQ(m.route->path.text(), "/v1/feedback:nearby");
  ASSERT_EQ(table_.Match("POST", "/v1/feedback/1022-2026-000001:support", &m, nullptr), RouteTable::Result::kFound);
  EXPECT_EQ(m.route->path.text(), "/v1/feedback/{id}:support");
}

TEST_F(RouteTableTest, EveryRouteHasAValidMethodAndBackend) {
  EXPECT_GT(table_.routes().size(), 15u);
  for (const Route& r : table_.routes()) {
    EXPECT_NE(r.method, nullptr);
    EXPECT_FALSE(r.backend.empty()) << r.pattern;
  }
}

TEST(FindFieldTest, ByProtoAndJsonName) {
  auto registry = DescriptorRegistry::Create({LASO_TEST_DESCRIPTOR_SET});
  const auto* type = (*registry)->pool()->FindMessageTypeByName("laso.testing.v1.ListBooksRequest");
  ASSERT_NE(type, nullptr);
  EXPECT_NE(FindField(type, "page_size"), nullptr);
  EXPECT_NE(FindField(type, "pageSize"), nullptr);
  EXPECT_NE(FindFieldPath(type, "filter.author"), nullptr);
  EXPECT_EQ(FindFieldPath(type, "filter.nope"), nullptr);
  EXPECT_EQ(FindFieldPath(type, "page_size.x"), nullptr);
}

}  // namespace
}  // namespace laso::gateway
