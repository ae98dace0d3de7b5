#include "services/gateway/error_body.h"

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include "absl/strings/cord.h"
#include "common/status/status.h"

namespace laso::gateway {
namespace {

// Keys in the documented order: code, status, message, details.
using json = nlohmann::ordered_json;

std::string Dump(const json& body) { return body.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string ErrorRenderer::HttpStatusName(int http_status) {
  switch (http_status) {
    case 405: return "METHOD_NOT_ALLOWED";
    case 408: return "REQUEST_TIMEOUT";
    case 413: return "PAYLOAD_TOO_LARGE";
    case 415: return "UNSUPPORTED_MEDIA_TYPE";
    case 431: return "REQUEST_HEADER_FIELDS_TOO_LARGE";
    case 400: return "INVALID_ARGUMENT";
    case 401: return "UNAUTHENTICATED";
    case 403: return "PERMISSION_DENIED";
    case 404: return "NOT_FOUND";
    case 429: return "RESOURCE_EXHAUSTED";
    case 503: return "UNAVAILABLE";
    case 504: return "DEADLINE_EXCEEDED";
    default: return http_status >= 500 ? "INTERNAL" : "UNKNOWN";
  }
}

std::string ErrorRenderer::RenderHttp(int http_status, absl::string_view message) {
  return Dump({{"error",
                {{"code", http_status}, {"status", HttpStatusName(http_status)}, {"message", std::string(message)},
                 {"details", json::array()}}}});
}

std::string ErrorRenderer::Render(const absl::Status& status) const {
  json details = json::array();
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    std::string type_name(url.substr(url.rfind('/') + 1));
    const auto* type = registry_->pool()->FindMessageTypeByName(type_name);
    if (type == nullptr) return;
    auto message = registry_->NewMessage(type);
    if (!message->ParseFromString(std::string(payload))) return;
    std::string text;
    if (!google::protobuf::util::MessageToJsonString(*message, &text).ok()) return;
    json detail = json::parse(text, nullptr, false);
    if (!detail.is_object()) return;
    json entry = {{"@type", std::string(url)}};
    entry.update(detail);
    details.push_back(std::move(entry));
  });
  return Dump({{"error",
                {{"code", HttpStatusForCode(status.code())},
                 {"status", std::string(absl::StatusCodeToString(status.code()))},
                 {"message", std::string(status.message())},
                 {"details", std::move(details)}}}});
}

}  // namespace laso::gateway
