#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "services/feedback/feedback_context.h"
#include "services/feedback/feedback_export.h"

// The feedback service's configuration keys (feedback.*) and the options it
// runs with, read and checked in one place: errors name the key.
namespace laso::feedback {

void AddConfigKeys(config::Schema& s);

struct FeedbackConfig {
  FeedbackOptions feedbacks;        // the boundary loaded, the due time parsed
  std::string attachments_dir;      // under data_dir unless absolute
  bool attachments_in_database = false;
  absl::Duration close_sweep_interval;
  ExportLimits export_limits;
};

absl::StatusOr<FeedbackConfig> FeedbackConfigFrom(const config::Config& c);

}  // namespace laso::feedback
