// laso-staff: staff accounts, sign-in sessions and machine tokens. Wiring only.
#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/metrics/retention.h"
#include "common/process/periodic_task.h"
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "common/service/session_tokens_from_env.h"
#include "services/laso_schema.h"
#include "services/staff/staff_config.h"
#include "services/staff/staff_service.h"

namespace {

// Threads for everything but password hashing (which has its own, staff.password_threads).
constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "staff";
  auto env = service::LoadServiceEnv(LasoSchema(), name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  auto config = staff::StaffConfigFrom((*env)->config);
  if (!config.ok()) return service::ExitOnError(name, config.status());
  auto store = staff::StaffStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());

  const Clock* clock = RealClock::Get();
  auto tokens = service::SessionTokensFromEnv(**env, clock);
  if (!tokens.ok()) return service::ExitOnError(name, tokens.status());
  crypto::PasswordHasher hasher(config->password_cost);
  staff::SignInGuard guard(*(*env)->redis, config->lockout);
  staff::Credentials credentials(**store, guard, *(*env)->vault, hasher, clock);
  staff::RevocationPublisher revocations(**store, *(*env)->redis, clock, config->sessions.access_ttl);
  staff::StaffSessions sessions(**store, credentials, **tokens, revocations, config->sessions, clock);
  staff::StaffAccounts accounts(**store, credentials, sessions, config->sessions.totp_issuer, clock);
  staff::MachineTokens machines(**store, **tokens, revocations, config->sessions, clock);

  process::WorkerPool hashing(config->password_threads);
  process::WorkerPool workers(kBlockingThreads);
  staff::StaffGrpc grpc_service(sessions, accounts, machines, *(*env)->verifier, hashing, workers);

  // The list gateways read is rewritten from the database, so a Redis that lost it is whole again soon.
  // Until the first write succeeds no gateway admits staff, so a slow Redis at start gets a few tries.
  absl::Status published = revocations.Publish();
  for (int attempt = 1; !published.ok() && attempt < 5; ++attempt) {
    absl::SleepFor(absl::Milliseconds(200));
    published = revocations.Publish();
  }
  service::WarnIfFailed("publishing the revocation list", published);
  process::PeriodicTask republish(config->revocation_publish_interval, [&revocations] {
    service::WarnIfFailed("publishing the revocation list", revocations.Publish());
  });
  // Sign-in records are personal data too: one replica forgets those past staff.keep_sign_ins.
  const sql::LeaseKeeper& singletons = *(*env)->singletons;
  process::PeriodicTask forget(absl::Hours(1), [&store, &singletons, clock, keep = config->keep_sign_ins] {
    if (!singletons.held()) return;
    auto forgotten = (*store)->ForgetSessions(clock->Now() - keep);
    service::WarnIfFailed("forgetting old sign-in sessions", forgotten.status());
    if (forgotten.ok()) metrics::CountErased("staff.sessions", *forgotten);
  });
  return service::ServeUntilSignal(**env, grpc_service);
}
