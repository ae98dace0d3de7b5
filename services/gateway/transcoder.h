#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/http/url.h"
#include "services/gateway/descriptor_registry.h"
#include "services/gateway/json_printer.h"
#include "services/gateway/route_table.h"

namespace laso::gateway {

struct Payload {
  std::string content_type;
  std::string body;
};

// JSON (and raw bodies) to protobuf and back, for any route, driven only by the
// descriptors: the body per the annotation's `body`, path variables, and every
// other field from the query string (repeated and nested too).
class Transcoder {
 public:
  Transcoder(const DescriptorRegistry* registry, int display_offset_minutes)
      : registry_(registry), printer_(display_offset_minutes) {}

  // The serialized request for the backend, or INVALID_ARGUMENT (malformed JSON,
  // unknown fields, bad parameters) naming the problem.
  absl::StatusOr<std::string> BuildRequest(const RouteMatch& match, const http::QueryParams& query,
                                           absl::string_view content_type, absl::string_view body) const;

  // The HTTP body for a serialized response.
  absl::StatusOr<Payload> RenderResponse(const Route& route, absl::string_view response) const;

  // Whether a body with this content type may go to this route (415 otherwise).
  static bool AcceptsContentType(const Route& route, absl::string_view content_type, size_t body_size);

 private:
  const DescriptorRegistry* registry_;
  JsonPrinter printer_;
};

}  // namespace laso::gateway
