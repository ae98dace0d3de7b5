#include "tools/laso/keys_command.h"

#include <unistd.h>

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "common/config/key_values.h"
#include "common/crypto/aead.h"
#include "common/crypto/key_file.h"
#include "common/crypto/pii_vault.h"
#include "common/time/clock.h"
#include "services/laso_schema.h"
#include "tools/laso/gateway_settings.h"
#include "tools/laso/report.h"
#include "tools/laso/service_client.h"

namespace laso::cli {
namespace {

struct KeyFileSpec {
  std::string name;
  size_t bytes;
};

// Every key file a deployment needs, by the names the processes look for
// in keys.dir (default <data_dir>/keys): the gateway's token keys, the internal key the
// gateway and services share, and each service's (and the events') sealing
// and lookup keys.
std::vector<KeyFileSpec> DeploymentKeyFiles() {
  std::vector<KeyFileSpec> files = {{"internal.key", 32}, {"gateway-jwt.key", 32}};
  std::vector<std::string> vaults = ServiceNames();
  vaults.push_back("events");
  for (const std::string& vault : vaults) {
    files.push_back({absl::StrCat(vault, "-seal.key"), crypto::kAeadKeyBytes});
    files.push_back({absl::StrCat(vault, "-lookup.key"), crypto::PiiVault::kLookupKeyBytes});
  }
  return files;
}

// Creates what is missing, keeps what exists: running it twice changes nothing.
int InitKeys(const std::string& dir) {
  int created = 0;
  for (const KeyFileSpec& spec : DeploymentKeyFiles()) {
    std::string path = absl::StrCat(dir, "/", spec.name);
    bool existed = ::access(path.c_str(), F_OK) == 0;
    auto keys = crypto::LoadOrCreateKeyFile(path, spec.bytes, RealClock::Get()->Now(), crypto::MissingKey::kCreate);
    if (!keys.ok()) return ReportFailure(keys.status());
    std::printf("%s %s\n", existed ? "kept   " : "created", path.c_str());
    created += existed ? 0 : 1;
  }
  std::fprintf(stderr,
               "%d key files created in %s (mode 0600). Give every machine of the deployment the same files "
               "(LoadCredential= in the systemd units, a Secret in Kubernetes), and back them up apart from the "
               "databases: without them sealed personal data cannot be read.\n",
               created, dir.c_str());
  return 0;
}

}  // namespace

int KeysCommand(const std::vector<std::string>& args, int argc, char** argv) {
  if (!args.empty() && args[0] == "init" && args.size() <= 2) {
    if (args.size() == 2) return InitKeys(args[1]);
    auto config = LoadCliConfig(argc, argv);
    if (!config.ok()) return ReportFailure(config.status());
    return InitKeys(config::KeysDir(*config));
  }
  if (args.size() == 2 && args[0] == "rotate" && args[1] == "gateway-jwt") {
    auto options = LoadGatewaySettings(argc, argv);
    if (!options.ok()) return ReportFailure(options.status());
    auto kid = crypto::RotateKeyFile(options->jwt_key_file, 32, RealClock::Get()->Now());
    if (!kid.ok()) return ReportFailure(kid.status());
    std::printf("%s\n", kid->c_str());
    std::fprintf(stderr, "new signing key %s in %s; restart the gateway to sign with it\n", kid->c_str(),
                 options->jwt_key_file.c_str());
    return 0;
  }
  std::fputs("usage: laso keys init [DIR]          create every key file a deployment needs (default "
             "<data_dir>/keys), keeping those that exist\n"
             "       laso keys rotate gateway-jwt   add a new token signing key\n",
             stderr);
  return 2;
}

}  // namespace laso::cli
