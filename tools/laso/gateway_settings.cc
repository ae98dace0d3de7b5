#include "tools/laso/gateway_settings.h"

#include "common/config/config.h"
#include "services/laso_schema.h"

namespace laso::cli {

absl::StatusOr<gateway::GatewayOptions> LoadGatewaySettings(int argc, char** argv) {
  auto config = config::Load(LasoSchema(), config::ProcessSources(argc, argv));
  if (!config.ok()) return config.status();
  return gateway::GatewayOptionsFromConfig(*config);
}

}  // namespace laso::cli
