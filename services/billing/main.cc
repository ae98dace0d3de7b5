// laso-billing: electricity and water bills, looked up and paid. Wiring only.
#include "common/log/log.h"
#include "common/process/periodic_task.h"
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "services/billing/billing_service.h"
#include "services/billing/provider_file.h"
#include "services/billing/sql_billing_store.h"

namespace {

// Threads for calls that block: writes and imports (one writer in SQLite).
constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "billing";
  auto env = service::LoadServiceEnv(name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  const config::Config& c = (*env)->config;

  auto store = billing::SqlBillingStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());
  billing::BillingOptions options{.phone_hash_key = c.String("billing.phone_hash_key"),
                                  .checkout_private_key = c.String("billing.zalo_checkout_private_key"),
                                  .payment_method = c.String("billing.zalo_payment_method"),
                                  .due_soon_days = static_cast<int>(c.Int("billing.due_soon_days")),
                                  .lookup_cache_entries = static_cast<size_t>(c.Int("billing.lookup_cache_entries")),
                                  .lookup_cache_ttl = c.Duration("billing.lookup_cache_ttl")};
  if (options.phone_hash_key.empty() || options.checkout_private_key.empty()) {
    return service::ExitOnError(
        name, absl::FailedPreconditionError("set billing.phone_hash_key and billing.zalo_checkout_private_key "
                                            "(LASO_BILLING_PHONE_HASH_KEY, LASO_BILLING_ZALO_CHECKOUT_PRIVATE_KEY)"));
  }
  billing::Bills bills(**store, *(*env)->vault, options, RealClock::Get());
  // The providers file (tariffs as data) is applied at every start; leave it empty to manage them by API only.
  if (auto s = billing::LoadProviderFile(c.String("billing.providers_file"), **store); !s.ok()) {
    return service::ExitOnError(name, s);
  }
  if (auto s = bills.LoadProviders(); !s.ok()) return service::ExitOnError(name, s);
  process::WorkerPool workers(kBlockingThreads);
  billing::BillingGrpc grpc_service(bills, *(*env)->verifier, workers);

  process::PeriodicTask notices(c.Duration("billing.notice_interval"), [&bills] {
    auto sent = bills.SendNotices();
    if (!sent.ok())
      log::Warn("bill notices failed", {{"error", std::string(sent.status().message())}});
    else if (*sent > 0)
      log::Info("bill notices sent", {{"count", *sent}});
  });
  return service::ServeUntilSignal(**env, grpc_service);
}
