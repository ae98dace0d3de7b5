// laso-feedback: the 1022 hotline in the app. Wiring only.
#include "common/log/log.h"
#include "common/process/periodic_task.h"
#include "common/process/signals.h"
#include "common/service/request_answering.h"
#include "common/service/service_env.h"
#include "common/sql/data_versions.h"
#include "services/feedback/attachment_files.h"
#include "services/feedback/feedback_config.h"
#include "services/feedback/feedback_service.h"
#include "services/feedback/sql_attachment_bytes.h"
#include "services/feedback/sql_feedback_store.h"
#include "services/laso_schema.h"

namespace {

// Threads for calls that block: writes (one at a time in SQLite, the rest
// queue), uploads and statistics.
constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "feedback";
  auto env = service::LoadServiceEnv(LasoSchema(), name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  auto config = feedback::FeedbackConfigFrom((*env)->config);
  if (!config.ok()) return service::ExitOnError(name, config.status());

  auto store = feedback::SqlFeedbackStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());
  feedback::AttachmentFiles in_dir(config->attachments_dir);
  feedback::SqlAttachmentBytes in_database(*(*env)->db);
  const feedback::AttachmentBytes& bytes =
      config->attachments_in_database ? static_cast<const feedback::AttachmentBytes&>(in_database) : in_dir;
  feedback::Attachments attachments(**store, bytes, RealClock::Get());
  feedback::Catalog catalog;
  feedback::Feedbacks feedbacks({**store, catalog, attachments, *(*env)->vault, *(*env)->events_vault, (*env)->calendar,
                                 std::move(config->feedbacks), RealClock::Get()},
                               config->export_limits);
  // A catalogue change made through any replica reaches this one within sync.poll_interval.
  sql::VersionWatch catalogue(*(*env)->db, feedback::SqlFeedbackStore::kCatalogueVersion,
                              [&feedbacks] { return feedbacks.catalog.LoadCatalog(); });
  if (auto s = catalogue.Load(); !s.ok()) return service::ExitOnError(name, s);
  process::PeriodicTask sync((*env)->config.Duration("sync.poll_interval"), [&catalogue] {
    service::WarnIfFailed("reloading the catalogue", catalogue.Refresh());
  });
  process::WorkerPool workers(kBlockingThreads);
  feedback::FeedbackGrpc grpc_service(feedbacks, attachments, *(*env)->verifier, workers);

  const sql::LeaseKeeper& singletons = *(*env)->singletons;
  process::PeriodicTask sweeper(config->close_sweep_interval, [&feedbacks, &singletons] {
    if (!singletons.held()) return;  // one replica closes
    auto closed = feedbacks.handling.CloseExpired();
    if (!closed.ok())
      log::Warn("closing answered reports failed", {{"error", std::string(closed.status().message())}});
    else if (*closed > 0)
      log::Info("answered reports closed", {{"count", *closed}});
    auto forgotten = feedbacks.retention.ForgetOldReporters();
    if (!forgotten.ok())
      log::Warn("erasing reporters past retention failed", {{"error", std::string(forgotten.status().message())}});
    else if (*forgotten > 0)
      log::Info("reporters erased past retention", {{"count", *forgotten}});
  });
  // Residents' export and erasure requests (privacy.requested), answered on the stream.
  service::RequestAnswering requests(**env, feedbacks.personal_data, RealClock::Get());
  requests.Start();
  int code = service::ServeUntilSignal(**env, grpc_service);
  requests.Stop();
  return code;
}
