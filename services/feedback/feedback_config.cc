#include "services/feedback/feedback_config.h"

#include "common/config/key_values.h"
#include "common/geo/polygon_file.h"
#include "common/status/macros.h"
#include "common/time/time_of_day.h"

namespace laso::feedback {

void AddConfigKeys(config::Schema& s) {
  s.Endpoint("feedback.listen", "127.0.0.1:7101",
             "Where the feedback service listens (gRPC): host:port, or unix:/path");
  s.String("feedback.database", "feedback.db", "The feedback service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.Enum("feedback.attachment_store", "dir", {"dir", "database"},
         "Where photos are kept: dir (feedback.attachments_dir; with several replicas, a shared mount) or database "
         "(the feedback database: every replica sees them, backed up with the reports)");
  s.String("feedback.attachments_dir", "attachments",
           "Directory of attachment files (relative to data_dir), one file per distinct content");
  s.String("feedback.boundary_file", "deploy/data/boundary/long-an.geojson",
           "GeoJSON polygon of the province: reports must lie inside it");
  s.String("feedback.due_time", "17:00", "Time of day (Vietnam) a report is due on its due date");
  s.Duration("feedback.reopen_window", "7d",
             "How long after an answer the reporter may reopen it; after that it closes by itself");
  s.Duration("feedback.keep_reporter_contact", "730d",
             "How long a finished report (closed, rejected, merged) keeps the reporter's name, phone and account after "
             "its last change; then they are erased and the report stays as the province's public record");
  s.Int("feedback.export_page_rows", 1000, 1, 100000,
        "Reports read from the store at a time for a CSV export, and sent as one piece of the streamed file");
  s.Duration("feedback.close_sweep_interval", "1m",
             "How often answered reports past the window are closed");
}

absl::StatusOr<FeedbackConfig> FeedbackConfigFrom(const config::Config& c) {
  FeedbackConfig out;
  auto boundary = geo::LoadPolygonFile(c.String("feedback.boundary_file"));
  if (!boundary.ok()) return config::KeyError("feedback.boundary_file", boundary.status());
  out.feedbacks.boundary = std::move(*boundary);
  LASO_ASSIGN_OR_RETURN(out.feedbacks.due_time_of_day,
                        ParseTimeOfDay("feedback.due_time", c.String("feedback.due_time")));
  out.feedbacks.reopen_window = c.Duration("feedback.reopen_window");
  out.feedbacks.keep_reporter_contact = c.Duration("feedback.keep_reporter_contact");
  if (out.feedbacks.keep_reporter_contact <= out.feedbacks.reopen_window) {
    return absl::InvalidArgumentError(
        "config key 'feedback.keep_reporter_contact' must be longer than feedback.reopen_window");
  }
  out.attachments_dir = config::PathUnderDataDir(c, "feedback.attachments_dir");
  out.attachments_in_database = c.String("feedback.attachment_store") == "database";
  out.close_sweep_interval = c.Duration("feedback.close_sweep_interval");
  out.export_limits.page_rows = static_cast<int>(c.Int("feedback.export_page_rows"));
  return out;
}

}  // namespace laso::feedback
