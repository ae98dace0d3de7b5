// laso-feedback: the 1022 hotline in the app. Wiring only.
#include <thread>

#include "common/geo/polygon_file.h"
#include "common/log/log.h"
#include "common/process/periodic_task.h"
#include "common/process/signals.h"
#include "common/service/service_env.h"
#include "common/time/time_of_day.h"
#include "services/feedback/feedback_service.h"
#include "services/feedback/sql_feedback_store.h"

namespace {

// Threads for calls that block: writes (one at a time in SQLite, the rest
// queue), uploads and statistics.
constexpr int kBlockingThreads = 4;

}  // namespace

int main(int argc, char** argv) {
  using namespace laso;
  process::InitProcess();
  const std::string name = "feedback";
  auto env = service::LoadServiceEnv(name, argc, argv);
  if (!env.ok()) return service::ExitOnError(name, env.status());
  const config::Config& c = (*env)->config;

  auto store = feedback::SqlFeedbackStore::Open(*(*env)->db);
  if (!store.ok()) return service::ExitOnError(name, store.status());
  auto boundary = geo::LoadPolygonFile(c.String("feedback.boundary_file"));
  if (!boundary.ok()) return service::ExitOnError(name, boundary.status());
  auto due_time = ParseTimeOfDay("feedback.due_time", c.String("feedback.due_time"));
  if (!due_time.ok()) return service::ExitOnError(name, due_time.status());

  feedback::AttachmentFiles files((*env)->data_dir + "/" + c.String("feedback.attachments_dir"));
  feedback::Attachments attachments(**store, files, RealClock::Get());
  feedback::Catalog catalog;
  feedback::Feedbacks feedbacks(**store, catalog, attachments, *(*env)->vault, *(*env)->events_vault, (*env)->calendar,
                                {.boundary = std::move(*boundary),
                                 .due_time_of_day = *due_time,
                                 .reopen_window = c.Duration("feedback.reopen_window"),
                                 .idempotency_window = c.Duration("feedback.idempotency_window")},
                                RealClock::Get());
  if (auto s = feedbacks.LoadCatalog(); !s.ok()) return service::ExitOnError(name, s);
  process::WorkerPool workers(kBlockingThreads);
  feedback::FeedbackGrpc grpc_service(feedbacks, attachments, *(*env)->verifier, workers);

  process::PeriodicTask sweeper(c.Duration("feedback.close_sweep_interval"), [&feedbacks] {
    auto closed = feedbacks.CloseExpired();
    if (!closed.ok())
      log::Warn("closing answered reports failed", {{"error", std::string(closed.status().message())}});
    else if (*closed > 0)
      log::Info("answered reports closed", {{"count", *closed}});
    auto pruned = feedbacks.PruneIdempotencyKeys();
    if (!pruned.ok()) log::Warn("pruning idempotency keys failed", {{"error", std::string(pruned.status().message())}});
  });
  return service::ServeUntilSignal(**env, grpc_service);
}
