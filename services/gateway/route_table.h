#pragma once

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"

#include <google/protobuf/descriptor.h>

#include "absl/status/statusor.h"
#include "laso/api/annotations.pb.h"
#include "services/gateway/path_template.h"

namespace laso::gateway {

inline constexpr char kGatewayBackend[] = "gateway";

// One HTTP binding of an RPC, read from its google.api.http annotation.
struct Route {
  std::string http_method;  // GET, POST, PUT, PATCH, DELETE
  PathTemplate path;
  std::string pattern;      // "GET /v1/dossiers/{code}": what logs and metrics name
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string grpc_path;    // "/laso.dossier.v1.DossierService/GetDossier"
  std::string backend;      // from the service's (laso.api.backend)
  std::string body;         // "", "*" or a top-level request field
  std::string response_body;
  laso::api::Access access;
  bool raw_request = false;   // the body is bytes (laso.api.HttpBody), not JSON
  bool raw_response = false;  // the answer is laso.api.HttpBody
  bool streamed_response = false;  // a stream of laso.api.HttpBody, sent as one body in chunks
};

struct RouteMatch {
  const Route* route = nullptr;
  std::vector<PathTemplate::Binding> bindings;
};

class RouteTable {
 public:
  // Routes for every annotated method of services that name a backend.
  // Conflicting or inconsistent annotations are errors at start.
  static absl::StatusOr<RouteTable> Build(const std::vector<const google::protobuf::ServiceDescriptor*>& services);

  enum class Result { kFound, kNotFound, kMethodNotAllowed };
  // On kMethodNotAllowed, `allowed` lists the methods the path does accept.
  Result Match(absl::string_view method, absl::string_view path, RouteMatch* out,
               std::vector<std::string>* allowed) const;

  const std::vector<Route>& routes() const { return routes_; }
  // The route of an RPC ("/laso.feedback.v1.FeedbackService/CreateFeedback"), or null: for adapters
  // (Open311) that call RPCs under their own paths with the RPC's access rules.
  const Route* ByGrpcPath(absl::string_view grpc_path) const;

 private:
  // Which routes a path may match, by its first two segments ("v1/feedback"):
  // the routes whose templates begin with those literals plus the routes whose
  // templates do not begin with two literals, most specific first. A request
  // is matched against its bucket only, not against every route.
  void BuildBuckets();
  const std::vector<size_t>& Candidates(const std::vector<std::string>& segments) const;

  std::vector<Route> routes_;  // most specific first
  absl::flat_hash_map<std::string, std::vector<size_t>> buckets_;  // indexes into routes_
  std::vector<size_t> unbucketed_;  // routes any path may match
};

// The field with this name or JSON name, or null.
const google::protobuf::FieldDescriptor* FindField(const google::protobuf::Descriptor* type, absl::string_view name);
// Resolves "a.b.c" through singular message fields.
const google::protobuf::FieldDescriptor* FindFieldPath(const google::protobuf::Descriptor* type,
                                                       absl::string_view path);
bool IsHttpBody(const google::protobuf::Descriptor* type);

}  // namespace laso::gateway
