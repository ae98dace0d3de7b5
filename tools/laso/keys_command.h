#pragma once

#include <string>
#include <vector>

namespace laso::cli {

// `laso keys rotate gateway-jwt`: appends a new signing key to the gateway's key
// file; tokens signed with older keys stay valid (they name their kid) until
// they expire. Takes effect when the gateway restarts.
int KeysCommand(const std::vector<std::string>& args, int argc, char** argv);

}  // namespace laso::cli
