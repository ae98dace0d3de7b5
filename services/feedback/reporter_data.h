#pragma once

#include "common/personal/personal_data.h"
#include "services/feedback/feedback_context.h"
#include "services/feedback/report_acts.h"

namespace laso::feedback {

// What the feedback service keeps about a resident, for their export and
// their erasure: the reports they filed (by their account, or by their phone
// through the hotline), with updates and attachment lists as they see them,
// their ratings, and the reports they supported. Erasure unlinks each report
// from them (the place, the problem and the answer stay as the province's
// record), drops the text of private updates and of their rating comments,
// and deletes their supports and remembered retries.
class ReporterData : public personal::Holder {
 public:
  ReporterData(const FeedbackContext& ctx, const ReportActs& acts) : ctx_(ctx), acts_(acts) {}

  absl::StatusOr<nlohmann::json> Export(const personal::Person& person) override;
  absl::StatusOr<nlohmann::json> Erase(const personal::Person& person) override;

 private:
  // Every report of the person, all pages.
  absl::StatusOr<std::vector<StoredFeedback>> ReportsOf(const personal::Person& person) const;

  const FeedbackContext& ctx_;
  const ReportActs& acts_;
};

}  // namespace laso::feedback
