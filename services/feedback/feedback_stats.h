#pragma once

#include "absl/status/statusor.h"
#include "services/feedback/feedback_context.h"

namespace laso::feedback {

// Received, answered, on time, how fast and how well rated, grouped by
// agency (the public ranking), category, ward or channel over a period.
class Statistics {
 public:
  explicit Statistics(const FeedbackContext& ctx) : ctx_(ctx) {}

  absl::StatusOr<v1::FeedbackStats> Stats(const v1::GetFeedbackStatsRequest& request) const;

 private:
  const FeedbackContext& ctx_;
};

}  // namespace laso::feedback
