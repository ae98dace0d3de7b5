#include "services/gateway/openapi.h"

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "proto/embedded.h"

namespace laso::gateway {
namespace {

using nlohmann::json;

void RewriteRefs(json& node, const std::string& prefix) {
  if (node.is_object()) {
    for (auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) {
        std::string ref = value.get<std::string>();
        if (absl::StartsWith(ref, "#/definitions/")) value = absl::StrCat("#/definitions/", prefix, ref.substr(14));
      } else {
        RewriteRefs(value, prefix);
      }
    }
  } else if (node.is_array()) {
    for (auto& item : node) RewriteRefs(item, prefix);
  }
}

}  // namespace

std::string MergedOpenApi() {
  json merged = {{"swagger", "2.0"},
                 {"info",
                  {{"title", "laso API"},
                   {"description", "The HTTP API of laso, the backend of a provincial citizen super-app."},
                   {"version", "v1"}}},
                 {"schemes", {"https", "http"}},
                 {"consumes", {"application/json"}},
                 {"produces", {"application/json"}},
                 {"securityDefinitions",
                  {{"bearer", {{"type", "apiKey"}, {"name", "Authorization"}, {"in", "header"},
                               {"description", "Bearer <session or staff token>"}}}}},
                 {"paths", json::object()},
                 {"definitions", json::object()}};
  for (const EmbeddedFile& file : LasoOpenApiDocuments()) {
    json doc = json::parse(file.bytes(), nullptr, false);
    if (!doc.is_object()) continue;
    // "laso/dossier/v1/dossier.swagger.json" -> "dossier."
    std::string name = file.name;
    std::string area = absl::StartsWith(name, "laso/") ? name.substr(5, name.find('/', 5) - 5) : "x";
    std::string prefix = absl::StrCat(area, ".");
    RewriteRefs(doc, prefix);
    json paths = doc.value("paths", json::object());  // copies: items() must not outlive them
    json definitions = doc.value("definitions", json::object());
    // Two services may serve one path with different methods (GET /v1/me, DELETE /v1/me): keep both.
    for (auto& [path, ops] : paths.items()) {
      for (auto& [method, op] : ops.items()) merged["paths"][path][method] = op;
    }
    for (auto& [def, schema] : definitions.items()) merged["definitions"][absl::StrCat(prefix, def)] = schema;
  }
  return merged.dump(1);
}

}  // namespace laso::gateway
