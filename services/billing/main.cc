// laso-billing: electricity and water bills, looked up and paid. Wiring only.
#include "common/log/log.h"
#include "common/process/periodic_task.h"
#include "common/process/signals.h"
#include "common/service/request_answering.h"
#include "common/service/service_env.h"
#include "common/sql/data_versions.h"
#include "services/billing/account_data.h"
#include "services/billing/billing_config.h"
#include "services/billing/billing_service.h"
#include "services/billing/provider_file.h"
#include "services/billing/sql_billing_store.h"
#include "services/laso_schema.h"

namespace {

// Threads for calls that block: writes and imports (one writer in SQLite).
constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "billing";
  auto env = service::LoadServiceEnv(LasoSchema(), name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  auto config = billing::BillingConfigFrom((*env)->config);
  if (!config.ok()) return service::ExitOnError(name, config.status());

  auto store = billing::SqlBillingStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());
  billing::Bills bills(**store, *(*env)->vault, config->bills, RealClock::Get());
  // The providers file (tariffs as data) is applied at every start; leave it empty to manage them by API only.
  if (auto s = billing::LoadProviderFile(config->providers_file, **store); !s.ok()) {
    return service::ExitOnError(name, s);
  }
  // A tariff changed through any replica reaches this one within sync.poll_interval.
  sql::VersionWatch providers(*(*env)->db, billing::SqlBillingStore::kProvidersVersion,
                              [&bills] { return bills.LoadProviders(); });
  if (auto s = providers.Load(); !s.ok()) return service::ExitOnError(name, s);
  process::PeriodicTask sync((*env)->config.Duration("sync.poll_interval"), [&providers] {
    service::WarnIfFailed("reloading the tariffs", providers.Refresh());
  });
  process::WorkerPool workers(kBlockingThreads);
  billing::BillingGrpc grpc_service(bills, *(*env)->verifier, workers);

  const sql::LeaseKeeper& singletons = *(*env)->singletons;
  process::PeriodicTask notices(config->notice_interval, [&bills, &singletons] {
    if (!singletons.held()) return;  // one replica reminds
    auto sent = bills.SendNotices();
    if (!sent.ok())
      log::Warn("bill notices failed", {{"error", std::string(sent.status().message())}});
    else if (*sent > 0)
      log::Info("bill notices sent", {{"count", *sent}});
  });
  // Residents' export and erasure requests (privacy.requested), answered on the stream.
  billing::AccountData accounts(bills, **store);
  service::RequestAnswering requests(**env, accounts, RealClock::Get());
  requests.Start();
  int code = service::ServeUntilSignal(**env, grpc_service);
  requests.Stop();
  return code;
}
