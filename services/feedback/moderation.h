#pragma once

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "services/feedback/report_acts.h"

namespace laso::feedback {

// Admins keep the public record decent: hide a report from the public (or
// show it again), ban a reporter whose reports then stay unrouted.
class Moderation {
 public:
  explicit Moderation(const ReportActs& acts) : acts_(acts) {}

  absl::StatusOr<v1::Feedback> Hide(const rpc::Caller& caller, const v1::HideFeedbackRequest& request);
  absl::StatusOr<v1::BanReporterResponse> BanReporter(const rpc::Caller& caller, const v1::BanReporterRequest& request);

 private:
  const ReportActs& acts_;
};

}  // namespace laso::feedback
