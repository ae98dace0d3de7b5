#include "services/gateway/transcoder.h"

#include <set>

#include <google/protobuf/util/json_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "services/gateway/field_setter.h"
#include "services/gateway/json_printer.h"

namespace laso::gateway {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

absl::Status JsonError(absl::string_view detail) {
  // protobuf appends a caret diagram after a blank line; the first line says it all.
  detail = detail.substr(0, detail.find('\n'));
  return InvalidField("body", absl::StrCat("Dữ liệu JSON không hợp lệ: ", detail));
}

absl::Status ParseJsonInto(absl::string_view json, Message* message) {
  if (absl::StripAsciiWhitespace(json).empty()) return absl::OkStatus();  // an empty body is {}
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto status = google::protobuf::util::JsonStringToMessage(std::string(json), message, options);
  if (!status.ok()) return JsonError(std::string(status.message().data(), status.message().size()));
  return absl::OkStatus();
}

void SetRaw(Message* http_body, absl::string_view content_type, absl::string_view body) {
  const auto* d = http_body->GetDescriptor();
  const auto* r = http_body->GetReflection();
  r->SetString(http_body, d->FindFieldByName("content_type"), std::string(content_type));
  r->SetString(http_body, d->FindFieldByName("data"), std::string(body));
}

std::string MediaType(absl::string_view content_type) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(content_type.substr(0, content_type.find(';'))));
}

}  // namespace

bool Transcoder::AcceptsContentType(const Route& route, absl::string_view content_type, size_t body_size) {
  // A media type is printable ASCII (RFC 9110); anything else would reach a raw route's content_type
  // field, which the backend could not parse (found by tools/fuzz).
  for (char c : content_type) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  if (route.raw_request || route.body.empty() || body_size == 0) return true;
  std::string media = MediaType(content_type);
  return media == "application/json" || (media.size() > 5 && absl::EndsWith(media, "+json"));
}

absl::StatusOr<std::string> Transcoder::BuildRequest(const RouteMatch& match, const http::QueryParams& query,
                                                     absl::string_view content_type, absl::string_view body) const {
  const Route& route = *match.route;
  std::unique_ptr<Message> request = registry_->NewMessage(route.method->input_type());

  // 1. The body.
  if (route.body == "*") {
    if (route.raw_request) SetRaw(request.get(), content_type, body);
    else if (auto s = ParseJsonInto(body, request.get()); !s.ok()) return s;
  } else if (!route.body.empty()) {
    const FieldDescriptor* f = FindField(route.method->input_type(), route.body);
    Message* sub = request->GetReflection()->MutableMessage(request.get(), f);
    if (route.raw_request) SetRaw(sub, content_type, body);
    else if (auto s = ParseJsonInto(body, sub); !s.ok()) return s;
  } else if (!absl::StripAsciiWhitespace(body).empty()) {
    return InvalidField("body", absl::StrCat(route.pattern, " không nhận nội dung (body)."));
  }

  // 2. The query string, for fields neither in the path nor in the body.
  std::set<std::string> bound;
  for (const auto& b : match.bindings) bound.insert(b.field_path);
  for (const auto& [key, value] : query) {
    if (route.body == "*" || bound.count(key) ||
        (!route.body.empty() && (key == route.body || absl::StartsWith(key, absl::StrCat(route.body, "."))))) {
      return InvalidField(key, absl::StrCat("Tham số \"", key, "\" không dùng được trên đường dẫn này."));
    }
    if (auto s = SetFieldFromString(request.get(), key, value); !s.ok()) return s;
  }

  // 3. Path variables last: they win over anything the body said.
  for (const auto& b : match.bindings) {
    const FieldDescriptor* f = FindFieldPath(route.method->input_type(), b.field_path);
    if (f != nullptr) {
      // A repeated field would append; path fields are singular (checked at start).
      if (auto s = SetFieldFromString(request.get(), b.field_path, b.value); !s.ok()) return s;
    }
  }
  std::string bytes;
  if (!request->SerializeToString(&bytes)) return absl::InternalError("cannot serialize request");
  return bytes;
}

absl::StatusOr<Payload> Transcoder::RenderResponse(const Route& route, absl::string_view response) const {
  std::unique_ptr<Message> message = registry_->NewMessage(route.method->output_type());
  // proto3 has no required fields: skip the initialization walk of a full parse.
  if (!message->ParsePartialFromArray(response.data(), static_cast<int>(response.size()))) {
    return absl::InternalError("backend answer does not parse");
  }
  if (route.raw_response) {
    const auto* d = message->GetDescriptor();
    const auto* r = message->GetReflection();
    std::string type = r->GetString(*message, d->FindFieldByName("content_type"));
    return Payload{type.empty() ? "application/octet-stream" : type,
                   r->GetString(*message, d->FindFieldByName("data"))};
  }
  const Message* shown = message.get();
  if (!route.response_body.empty()) {
    const FieldDescriptor* f = FindField(route.method->output_type(), route.response_body);
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !f->is_repeated()) {
      shown = &message->GetReflection()->GetMessage(*message, f);
    }
  }
  Payload payload{"application/json; charset=utf-8", ""};
  if (auto s = printer_.Print(*shown, &payload.body); !s.ok()) {
    return absl::InternalError(absl::StrCat("cannot render answer: ", s.message()));
  }
  return payload;
}

}  // namespace laso::gateway
