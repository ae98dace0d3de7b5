// Open311 GeoReport v2: paths, query strings and urlencoded forms from
// integrators' tools. A request is parsed into a feedback call the backend can
// read, or refused with an error in Open311's shape; any backend answer renders
// as well-formed JSON or XML.
#include <nlohmann/json.hpp>

#include "common/text/text.h"
#include "services/gateway/open311.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_request.h"

namespace {

using namespace laso::gateway;

// Open311 XML is ours: the only markup is element tags; text is escaped.
void CheckXml(const std::string& body) {
  LASO_FUZZ_CHECK(laso::text::IsValidUtf8(body), "XML is not UTF-8");
  size_t pos = body.find("?>");
  LASO_FUZZ_CHECK(pos != std::string::npos, body);
  int depth = 0;
  for (size_t i = pos + 2; i < body.size(); ++i) {
    if (body[i] == '&') {
      size_t semi = body.find(';', i);
      LASO_FUZZ_CHECK(semi != std::string::npos && semi - i <= 6, body.substr(i, 8));
    }
    if (body[i] != '<') continue;
    size_t end = body.find('>', i);
    LASO_FUZZ_CHECK(end != std::string::npos, body);
    std::string tag = body.substr(i + 1, end - i - 1);
    LASO_FUZZ_CHECK(!tag.empty(), body);
    LASO_FUZZ_CHECK(tag.find_first_of("<&\"' ") == std::string::npos, tag);
    depth += tag[0] == '/' ? -1 : (tag.back() == '/' ? 0 : 1);
    LASO_FUZZ_CHECK(depth >= 0, body);
    i = end;
  }
  LASO_FUZZ_CHECK(depth == 0, body);
}

void CheckRendered(open311::Format format, const std::string& body) {
  if (format == open311::Format::kXml) return CheckXml(body);
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  LASO_FUZZ_CHECK(!doc.is_discarded(), body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace laso;
  auto request = fuzz::ReadRequest(fuzz::AsText(data, size));
  if (!request || !request->query_ok) return 0;
  open311::Error error{400, "", open311::Format::kJson};
  auto parsed =
      open311::Parse(request->method, request->path, request->query, request->content_type, request->body, &error);
  if (!parsed.ok()) {
    LASO_FUZZ_CHECK(error.http_status >= 400 && error.http_status < 500, parsed.status().ToString());
    CheckRendered(error.format, open311::RenderError(error).body);
    return 0;
  }
  LASO_FUZZ_CHECK(parsed->kind == open311::Kind::kDiscovery || !parsed->grpc_path.empty(), "no RPC");
  if (parsed->kind == open311::Kind::kDiscovery) {
    CheckRendered(parsed->format, open311::Discovery(parsed->format, "http://localhost/open311/v2/").body);
    return 0;
  }
  LASO_FUZZ_CHECK(parsed->request != nullptr && !parsed->grpc_path.empty(), request->path);
  std::unique_ptr<google::protobuf::Message> copy(parsed->request->New());
  LASO_FUZZ_CHECK(copy->ParseFromString(parsed->request->SerializeAsString()), parsed->request->DebugString());
  // The body doubles as the feedback service's answer: arbitrary wire bytes.
  parsed->origin = "http://localhost";
  auto rendered = open311::RenderAnswer(*parsed, request->body);
  if (rendered.ok()) CheckRendered(parsed->format, rendered->body);
  return 0;
}
