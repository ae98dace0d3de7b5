// JSON to protobuf and back for every route the gateway serves, driven by the
// compiled-in descriptors and their path templates. A request either maps to
// a protobuf the backend can parse, or is refused as INVALID_ARGUMENT; any
// backend answer renders as JSON or is refused, never a crash.
#include <memory>
#include <nlohmann/json.hpp>

#include "services/gateway/descriptor_registry.h"
#include "services/gateway/path_template.h"
#include "services/gateway/route_table.h"
#include "services/gateway/transcoder.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_request.h"

namespace {

using namespace laso;
using namespace laso::gateway;

struct Setup {
  std::unique_ptr<DescriptorRegistry> registry;
  RouteTable table;
  std::unique_ptr<Transcoder> transcoder;

  Setup() {
    auto made = DescriptorRegistry::Create({});
    if (!made.ok()) fuzz::Fail("setup", __FILE__, __LINE__, made.status().ToString());
    registry = std::move(*made);
    auto built = RouteTable::Build(registry->Services());
    if (!built.ok()) fuzz::Fail("setup", __FILE__, __LINE__, built.status().ToString());
    table = std::move(*built);
    transcoder = std::make_unique<Transcoder>(registry.get(), 7 * 60);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Setup* setup = new Setup();
  auto request = fuzz::ReadRequest(fuzz::AsText(data, size));
  if (!request) return 0;

  // The path read as a template too: operators may add routes in descriptor sets.
  if (auto tmpl = PathTemplate::Parse(request->path); tmpl.ok()) {
    tmpl->Match(request->path);
    tmpl->Specificity();
  }

  RouteMatch match;
  std::vector<std::string> allowed;
  auto result = setup->table.Match(request->method, request->path, &match, &allowed);
  if (result == RouteTable::Result::kMethodNotAllowed) LASO_FUZZ_CHECK(!allowed.empty(), request->path);
  if (result != RouteTable::Result::kFound || !request->query_ok) return 0;
  const Route& route = *match.route;

  if (Transcoder::AcceptsContentType(route, request->content_type, request->body.size())) {
    auto bytes = setup->transcoder->BuildRequest(match, request->query, request->content_type, request->body);
    if (bytes.ok()) {
      // What the gateway sends, the backend can read (strings are UTF-8, and so on).
      std::unique_ptr<google::protobuf::Message> message = setup->registry->NewMessage(route.method->input_type());
      LASO_FUZZ_CHECK(message->ParseFromString(*bytes), route.pattern);
    } else {
      LASO_FUZZ_CHECK(bytes.status().code() == absl::StatusCode::kInvalidArgument, bytes.status().ToString());
    }
  }

  // The body doubles as a backend's answer: arbitrary protobuf wire bytes.
  auto rendered = setup->transcoder->RenderResponse(route, request->body);
  if (rendered.ok() && !route.raw_response) {
    auto doc = nlohmann::json::parse(rendered->body, nullptr, /*allow_exceptions=*/false);
    LASO_FUZZ_CHECK(!doc.is_discarded(), rendered->body);
  }
  return 0;
}
