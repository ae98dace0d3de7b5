#include "tools/laso/keys_command.h"

#include <cstdio>

#include "common/crypto/key_file.h"
#include "common/time/clock.h"
#include "tools/laso/gateway_settings.h"
#include "tools/laso/report.h"

namespace laso::cli {

int KeysCommand(const std::vector<std::string>& args, int argc, char** argv) {
  if (args.size() != 2 || args[0] != "rotate" || args[1] != "gateway-jwt") {
    std::fputs("usage: laso keys rotate gateway-jwt\n", stderr);
    return 2;
  }
  auto options = LoadGatewaySettings(argc, argv);
  if (!options.ok()) return ReportFailure(options.status());
  auto kid = crypto::RotateKeyFile(options->jwt_key_file, 32, RealClock::Get()->Now());
  if (!kid.ok()) return ReportFailure(kid.status());
  std::printf("%s\n", kid->c_str());
  std::fprintf(stderr, "new signing key %s in %s; restart the gateway to sign with it\n", kid->c_str(),
               options->jwt_key_file.c_str());
  return 0;
}

}  // namespace laso::cli
