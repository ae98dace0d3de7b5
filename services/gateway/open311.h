#pragma once

#include <memory>
#include <string>

#include <google/protobuf/message.h>
#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "common/http/url.h"

// Open311 GeoReport v2 at /open311/v2, translated to and from the feedback
// service's gRPC API: the gateway's only protocol adapter. This half is pure
// (no sockets): it parses a request into the gRPC call to make and renders the
// answer (or an error) in the format asked for, JSON or XML.
//
//   GET  /open311/v2/discovery.{json,xml}
//   GET  /open311/v2/services.{fmt}               -> ListCategories
//   GET  /open311/v2/services/{code}.{fmt}        -> GetCategory (service definition)
//   POST /open311/v2/requests.{fmt}  (form, api_key = an integration token) -> CreateFeedback
//   GET  /open311/v2/requests.{fmt}?service_request_id=&service_code=&start_date=&end_date=&status=&page=&page_size=
//                                                 -> ListPublicFeedback
//   GET  /open311/v2/requests/{id}.{fmt}          -> GetFeedback
//   GET  /open311/v2/tokens/{token}.{fmt}         -> GetFeedback (our ids are ready at once: token = id)
namespace laso::gateway::open311 {

inline constexpr char kPrefix[] = "/open311/v2/";

enum class Format { kJson, kXml };

enum class Kind { kDiscovery, kServices, kServiceDefinition, kPostRequest, kGetRequests, kGetRequest, kToken };

struct Parsed {
  Kind kind;
  Format format = Format::kJson;
  std::string grpc_path;  // empty for discovery (answered by the gateway)
  std::unique_ptr<google::protobuf::Message> request;
  std::string api_key;      // POST requests only
  std::string origin;       // "http://host" the client used, for absolute media URLs
};

// An error in Open311's shape: [{code, description}] with the HTTP status.
struct Error {
  int http_status;
  std::string description;
  Format format = Format::kJson;
};

// `format` of an error is known as soon as the path's extension is.
absl::StatusOr<Parsed> Parse(absl::string_view method, absl::string_view path, const http::QueryParams& query,
                             absl::string_view content_type, absl::string_view body, Error* error);

struct Rendered {
  std::string content_type;
  std::string body;
};

// The discovery document; `base_url` is where this API is reached.
Rendered Discovery(Format format, const std::string& base_url);
// The gRPC answer of a parsed call, in Open311's shape.
absl::StatusOr<Rendered> RenderAnswer(const Parsed& parsed, const std::string& answer_bytes);
Rendered RenderError(const Error& error);

// The route as metrics and logs name it, e.g. "GET /open311/v2/requests/{id}".
std::string RouteName(Kind kind);

// Open311 documents as JSON, and the same documents as XML: arrays become
// repeated elements named by the singular of their key.
std::string ToXml(const std::string& root, const nlohmann::ordered_json& doc);

}  // namespace laso::gateway::open311
