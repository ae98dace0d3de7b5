#include "services/gateway/route_table.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"

namespace laso::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;

// Options of descriptors built from a serialized set keep extensions that the
// linked-in generated code knows; read them through a generated copy.
template <typename Options>
Options Reparse(const google::protobuf::Message& options) {
  Options out;
  out.ParseFromString(options.SerializeAsString());
  return out;
}

absl::Status Bad(const MethodDescriptor* m, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("HTTP annotation of ", m->full_name(), ": ", why));
}

absl::StatusOr<Route> MakeRoute(const MethodDescriptor* method, const std::string& backend,
                                const google::api::HttpRule& rule, const laso::api::Access& access) {
  Route route;
  std::string path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet: route.http_method = "GET", path = rule.get(); break;
    case google::api::HttpRule::kPost: route.http_method = "POST", path = rule.post(); break;
    case google::api::HttpRule::kPut: route.http_method = "PUT", path = rule.put(); break;
    case google::api::HttpRule::kPatch: route.http_method = "PATCH", path = rule.patch(); break;
    case google::api::HttpRule::kDelete: route.http_method = "DELETE", path = rule.delete_(); break;
    default: return Bad(method, "only get, post, put, patch and delete are served");
  }
  auto parsed = PathTemplate::Parse(path);
  if (!parsed.ok()) return Bad(method, parsed.status().message());
  route.path = std::move(*parsed);
  route.pattern = absl::StrCat(route.http_method, " ", path);
  route.method = method;
  route.grpc_path = absl::StrCat("/", method->service()->full_name(), "/", method->name());
  route.backend = backend;
  route.body = rule.body();
  route.response_body = rule.response_body();
  route.access = access;

  const Descriptor* input = method->input_type();
  for (const std::string& field_path : route.path.FieldPaths()) {
    const FieldDescriptor* f = FindFieldPath(input, field_path);
    if (f == nullptr) return Bad(method, absl::StrCat("no field ", field_path, " for the path"));
    if (f->is_repeated() || f->type() == FieldDescriptor::TYPE_MESSAGE) {
      return Bad(method, absl::StrCat("path field ", field_path, " must be a singular scalar"));
    }
  }
  if (!route.body.empty() && route.body != "*") {
    const FieldDescriptor* f = FindField(input, route.body);
    if (f == nullptr || f->is_repeated() || f->type() != FieldDescriptor::TYPE_MESSAGE) {
      return Bad(method, absl::StrCat("body field ", route.body, " must be a singular message field"));
    }
    route.raw_request = IsHttpBody(f->message_type());
  } else if (route.body == "*") {
    route.raw_request = IsHttpBody(input);
  }
  if (!route.response_body.empty()) {
    if (FindField(method->output_type(), route.response_body) == nullptr) {
      return Bad(method, absl::StrCat("no response field ", route.response_body));
    }
  }
  route.raw_response = IsHttpBody(method->output_type());
  route.streamed_response = method->server_streaming();
  return route;
}

}  // namespace

const FieldDescriptor* FindField(const Descriptor* type, absl::string_view name) {
  if (type == nullptr) return nullptr;
  const FieldDescriptor* f = type->FindFieldByName(std::string(name));
  if (f != nullptr) return f;
  for (int i = 0; i < type->field_count(); ++i) {
    if (type->field(i)->json_name() == name) return type->field(i);
  }
  return nullptr;
}

const FieldDescriptor* FindFieldPath(const Descriptor* type, absl::string_view path) {
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (field != nullptr) {
      if (field->type() != FieldDescriptor::TYPE_MESSAGE || field->is_repeated()) return nullptr;
      type = field->message_type();
    }
    field = FindField(type, part);
    if (field == nullptr) return nullptr;
  }
  return field;
}

bool IsHttpBody(const Descriptor* type) { return type != nullptr && type->full_name() == "laso.api.HttpBody"; }

absl::StatusOr<RouteTable> RouteTable::Build(const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  RouteTable table;
  std::set<std::string> seen;
  for (const auto* service : services) {
    auto service_options = Reparse<google::protobuf::ServiceOptions>(service->options());
    std::string backend = service_options.GetExtension(laso::api::backend);
    if (backend.empty()) continue;  // not served over HTTP
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor* method = service->method(i);
      auto options = Reparse<google::protobuf::MethodOptions>(method->options());
      if (!options.HasExtension(google::api::http)) continue;
      // A stream of HttpBody pieces is one HTTP body sent in chunks; other streams have no HTTP/JSON form.
      if (method->client_streaming() || (method->server_streaming() && !IsHttpBody(method->output_type()))) {
        return Bad(method, "streaming methods cannot be served over HTTP/JSON (only a stream of laso.api.HttpBody)");
      }
      const google::api::HttpRule& rule = options.GetExtension(google::api::http);
      const laso::api::Access& access = options.GetExtension(laso::api::access);
      std::vector<const google::api::HttpRule*> rules = {&rule};
      for (const auto& extra : rule.additional_bindings()) rules.push_back(&extra);
      for (const auto* r : rules) {
        auto route = MakeRoute(method, backend, *r, access);
        if (!route.ok()) return route.status();
        if (!seen.insert(route->pattern).second) {
          return Bad(method, absl::StrCat(route->pattern, " is bound twice"));
        }
        table.routes_.push_back(std::move(*route));
      }
    }
  }
  std::stable_sort(table.routes_.begin(), table.routes_.end(), [](const Route& a, const Route& b) {
    return a.path.Specificity() > b.path.Specificity();
  });
  table.BuildBuckets();
  return table;
}

namespace {

// "v1/feedback" for a template starting /v1/feedback (a verb on the second
// segment aside), or "" when its first two segments are not both literal.
std::string BucketOfTemplate(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '/');
  if (parts.size() < 3 || !parts[0].empty()) return "";
  absl::string_view first = parts[1], second = parts[2];
  if (parts.size() == 3) second = second.substr(0, second.find(':'));
  for (absl::string_view seg : {first, second}) {
    if (seg.empty() || absl::StrContains(seg, '{') || absl::StrContains(seg, '*') || absl::StrContains(seg, ':')) {
      return "";
    }
  }
  return absl::StrCat(first, "/", second);
}

}  // namespace

void RouteTable::BuildBuckets() {
  std::vector<std::string> keys;
  for (const Route& route : routes_) keys.push_back(BucketOfTemplate(route.path.text()));
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (keys[i].empty()) unbucketed_.push_back(i);
  }
  // Each bucket keeps the global order: its own routes and the unbucketed ones.
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (keys[i].empty() || buckets_.contains(keys[i])) continue;
    std::vector<size_t>& list = buckets_[keys[i]];
    for (size_t j = 0; j < routes_.size(); ++j) {
      if (keys[j] == keys[i] || keys[j].empty()) list.push_back(j);
    }
  }
}

const std::vector<size_t>& RouteTable::Candidates(const std::vector<std::string>& segments) const {
  if (segments.size() >= 2) {
    auto it = buckets_.find(absl::StrCat(segments[0], "/", segments[1]));
    if (it != buckets_.end()) return it->second;
  }
  return unbucketed_;
}

RouteTable::Result RouteTable::Match(absl::string_view method, absl::string_view path, RouteMatch* out,
                                     std::vector<std::string>* allowed) const {
  std::set<std::string> methods;
  PathTemplate::SplitPath split = PathTemplate::SplitPath::Of(path);
  if (!split.valid) return Result::kNotFound;
  for (size_t index : Candidates(split.verb.empty() ? split.segments : split.segments_no_verb)) {
    const Route& route = routes_[index];
    if (route.http_method != method && allowed == nullptr) continue;
    auto bindings = route.path.Match(split);
    if (!bindings) continue;
    if (route.http_method == method) {
      out->route = &route;
      out->bindings = std::move(*bindings);
      return Result::kFound;
    }
    methods.insert(route.http_method);
  }
  if (methods.empty()) return Result::kNotFound;
  if (allowed != nullptr) allowed->assign(methods.begin(), methods.end());
  return Result::kMethodNotAllowed;
}

const Route* RouteTable::ByGrpcPath(absl::string_view grpc_path) const {
  for (const Route& route : routes_) {
    if (route.grpc_path == grpc_path) return &route;
  }
  return nullptr;
}

}  // namespace laso::gateway
