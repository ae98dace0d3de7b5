// laso-privacy: the privacy notice and residents' consent to it. Wiring only.
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "common/service/session_tokens_from_env.h"
#include "services/laso_schema.h"
#include "services/privacy/consent_book.h"
#include "services/privacy/privacy_config.h"
#include "services/privacy/privacy_service.h"

namespace {

constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "privacy";
  auto env = service::LoadServiceEnv(LasoSchema(), name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  auto config = privacy::PrivacyConfigFrom((*env)->config);
  if (!config.ok()) return service::ExitOnError(name, config.status());
  auto notices = privacy::Notices::LoadDir(config->notice_dir);
  if (!notices.ok()) return service::ExitOnError(name, notices.status());
  auto store = privacy::PrivacyStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());

  const Clock* clock = RealClock::Get();
  auto tokens = service::SessionTokensFromEnv(**env, clock);
  if (!tokens.ok()) return service::ExitOnError(name, tokens.status());
  privacy::ConsentBook consents(**store, *notices, **tokens, clock);

  process::WorkerPool workers(kBlockingThreads);
  privacy::PrivacyGrpc grpc_service(consents, *(*env)->verifier, workers);
  return service::ServeUntilSignal(**env, grpc_service);
}
