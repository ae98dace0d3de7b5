#include "tools/laso/config_command.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "common/config/config.h"
#include "services/laso_schema.h"
#include "tools/laso/report.h"

namespace laso::cli {

int ConfigCommand(const std::vector<std::string>& args, int argc, char** argv) {
  const config::Schema& schema = LasoSchema();
  std::string sub = args.empty() ? "" : args[0];
  if (sub == "example") {
    std::fputs(schema.RenderExampleToml().c_str(), stdout);
    return 0;
  }
  if (sub == "services") {  // the services with a database, one a line, in start order (tools/up reads it)
    for (const std::string& name : ServiceNames()) std::puts(name.c_str());
    return 0;
  }
  if (sub == "get" && args.size() == 2) {  // one effective value, for scripts (tools/up reads the listen ports)
    auto loaded = config::Load(schema, config::ProcessSources(argc, argv));
    if (!loaded.ok()) return ReportFailure(loaded.status());
    const config::Key* key = schema.Find(args[1]);
    if (key == nullptr) {
      return ReportFailure(absl::InvalidArgumentError(absl::StrCat("unknown config key '", args[1], "'")));
    }
    if (key->secret) {
      return ReportFailure(absl::InvalidArgumentError(
          absl::StrCat("config key '", args[1], "' is a secret and is not printed (laso config show masks it)")));
    }
    std::puts(loaded->Text(args[1]).c_str());
    return 0;
  }
  if (sub == "show" || sub == "check") {
    auto loaded = config::Load(schema, config::ProcessSources(argc, argv));
    if (!loaded.ok()) return ReportFailure(loaded.status());
    if (sub == "show") std::fputs(loaded->Describe().c_str(), stdout);
    else std::puts("configuration OK");
    return 0;
  }
  std::fputs("usage: laso config example   print every key with its default (deploy/laso.example.toml)\n"
             "       laso config show      print the effective configuration and where each value came from\n"
             "       laso config check     validate the configuration (--config FILE, LASO_* variables)\n"
             "       laso config get KEY   print one key's effective value\n"
             "       laso config services  the services that own a database, in start order\n",
             stderr);
  return 2;
}

}  // namespace laso::cli
