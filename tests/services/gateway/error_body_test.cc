#include "services/gateway/error_body.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/status/status.h"

namespace laso::gateway {
namespace {

TEST(ErrorBodyTest, RendersTheDocumentedShapeWithDetails) {
  auto registry = std::move(*DescriptorRegistry::Create({}));
  ErrorRenderer renderer(registry.get());
  absl::Status status = WithReason(InvalidField("description", "Mô tả quá ngắn."), "TOO_SHORT");
  std::string body = renderer.Render(status);
  EXPECT_EQ(body.substr(0, 50), R"({"error":{"code":400,"status":"INVALID_ARGUMENT",")");
  auto json = nlohmann::json::parse(body);
  EXPECT_EQ(json["error"]["message"], "Mô tả quá ngắn.");
  auto details = json["error"]["details"];
  ASSERT_EQ(details.size(), 2u);
  bool saw_bad_request = false, saw_reason = false;
  for (const auto& d : details) {
    if (d["@type"] == "type.googleapis.com/google.rpc.BadRequest") {
      saw_bad_request = true;
      EXPECT_EQ(d["fieldViolations"][0]["field"], "description");
    }
    if (d["@type"] == "type.googleapis.com/laso.api.ErrorInfo") {
      saw_reason = true;
      EXPECT_EQ(d["reason"], "TOO_SHORT");
    }
  }
  EXPECT_TRUE(saw_bad_request);
  EXPECT_TRUE(saw_reason);
}

TEST(ErrorBodyTest, HttpLevelErrors) {
  auto json = nlohmann::json::parse(ErrorRenderer::RenderHttp(413, "Quá lớn"));
  EXPECT_EQ(json["error"]["code"], 413);
  EXPECT_EQ(json["error"]["status"], "PAYLOAD_TOO_LARGE");
  EXPECT_TRUE(json["error"]["details"].is_array());
}

}  // namespace
}  // namespace laso::gateway
