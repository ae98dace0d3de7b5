#include "tools/laso/config_command.h"

#include <cstdio>

#include "common/config/config.h"
#include "common/config/laso_keys.h"
#include "tools/laso/report.h"

namespace laso::cli {

int ConfigCommand(const std::vector<std::string>& args, int argc, char** argv) {
  const config::Schema& schema = config::LasoSchema();
  std::string sub = args.empty() ? "" : args[0];
  if (sub == "example") {
    std::fputs(schema.RenderExampleToml().c_str(), stdout);
    return 0;
  }
  if (sub == "services") {  // the services with a database, one a line, in start order (tools/up reads it)
    for (const std::string& name : config::ServiceNames()) std::puts(name.c_str());
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
             "       laso config services  the services that own a database, in start order\n",
             stderr);
  return 2;
}

}  // namespace laso::cli
