// laso-gateway: the HTTP front of every laso service. Wiring only.
#include <cstdio>

#include "common/config/config.h"
#include "common/log/log.h"
#include "common/process/free_memory.h"
#include "common/process/signals.h"
#include "common/process/systemd_notify.h"
#include "services/gateway/gateway.h"
#include "services/laso_schema.h"

int main(int argc, char** argv) {
  laso::process::InitProcess();
  auto config = laso::config::Load(laso::LasoSchema(), laso::config::ProcessSources(argc, argv));
  if (!config.ok()) {
    std::fprintf(stderr, "laso-gateway: %s\n", std::string(config.status().message()).c_str());
    return 2;
  }
  laso::log::Level level = laso::log::Level::kInfo;
  laso::log::ParseLevel(config->String("log.level"), &level);
  laso::log::Configure("gateway", level);

  auto options = laso::gateway::GatewayOptionsFromConfig(*config);
  if (!options.ok()) {
    laso::log::Error("bad configuration", {{"error", std::string(options.status().message())}});
    return 2;
  }
  auto gateway = laso::gateway::Gateway::Create(*options, laso::RealClock::Get());
  if (!gateway.ok()) {
    laso::log::Error("cannot start", {{"error", std::string(gateway.status().message())}});
    return 1;
  }
  if (auto status = (*gateway)->Start(); !status.ok()) {
    laso::log::Error("cannot start", {{"error", std::string(status.message())}});
    return 1;
  }
  laso::process::FreeMemoryReturner free_memory;  // what a large import's bodies freed goes back to the system
  laso::process::NotifyReady();
  int sig = laso::process::WaitForTerminationSignal();
  laso::log::Info("shutting down", {{"signal", sig}});
  laso::process::NotifyStopping();
  (*gateway)->Stop();
  return 0;
}
