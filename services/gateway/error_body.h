#pragma once

#include <string>

#include "absl/status/status.h"
#include "services/gateway/descriptor_registry.h"

namespace laso::gateway {

// The one error body every failure has (DESIGN.md):
//   {"error":{"code":404,"status":"NOT_FOUND","message":"…","details":[…]}}
// details are the status payloads (field violations, reasons) in proto3 JSON
// with "@type", as google.rpc.Status renders them.
class ErrorRenderer {
 public:
  explicit ErrorRenderer(const DescriptorRegistry* registry) : registry_(registry) {}

  std::string Render(const absl::Status& status) const;
  // For failures of HTTP itself that have no gRPC code (405, 408, 413, 415, 431).
  static std::string RenderHttp(int http_status, absl::string_view message);
  static std::string HttpStatusName(int http_status);

 private:
  const DescriptorRegistry* registry_;
};

}  // namespace laso::gateway
