#pragma once

#include <string>
#include <vector>

namespace laso::cli {

// laso staff create|reset|list|revoke-sessions|disable: people's accounts, for the
// IT team on the server (the first admin above all; after that admins use /v1/staff).
int StaffCommand(const std::vector<std::string>& args, int argc, char** argv);

}  // namespace laso::cli
