#pragma once

#include <string>
#include <vector>

// `laso config example|show|check`: the configuration as laso sees it.
namespace laso::cli {

// Returns the process exit code.
int ConfigCommand(const std::vector<std::string>& args, int argc, char** argv);

}  // namespace laso::cli
