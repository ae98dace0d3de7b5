#include "tools/laso/gateway_settings.h"

#include "common/config/config.h"
#include "common/config/laso_keys.h"

namespace laso::cli {

absl::StatusOr<gateway::GatewayOptions> LoadGatewaySettings(int argc, char** argv) {
  auto config = config::Load(config::LasoSchema(), config::ProcessSources(argc, argv));
  if (!config.ok()) return config.status();
  return gateway::GatewayOptionsFromConfig(*config);
}

}  // namespace laso::cli
