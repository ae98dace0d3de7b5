#pragma once

#include "absl/status/statusor.h"
#include "services/gateway/gateway_options.h"

namespace laso::cli {

// The gateway's settings as the running gateway sees them (config file and
// LASO_* environment), for commands that act on its keys.
absl::StatusOr<gateway::GatewayOptions> LoadGatewaySettings(int argc, char** argv);

}  // namespace laso::cli
