#pragma once

#include <string>
#include <vector>

namespace laso::cli {

// `laso token --role ROLE [--name NAME] [--agency CODE] [--ttl 30d]`: a staff or
// integration token signed with the gateway's key (created on first use).
int TokenCommand(const std::vector<std::string>& args, int argc, char** argv);

}  // namespace laso::cli
