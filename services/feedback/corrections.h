#pragma once

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "services/feedback/report_acts.h"

namespace laso::feedback {

// Fixing an open report: how urgent it is, its category (routed again by the
// new category's rules) and its place. Each change is an update entry naming
// the person and the reason, and the deadlines follow.
class Corrections {
 public:
  Corrections(const FeedbackContext& ctx, const ReportActs& acts) : ctx_(ctx), acts_(acts) {}

  absl::StatusOr<v1::Feedback> SetPriority(const rpc::Caller& caller, const v1::SetFeedbackPriorityRequest& request);
  absl::StatusOr<v1::Feedback> Recategorize(const rpc::Caller& caller,
                                            const v1::RecategorizeFeedbackRequest& request);
  absl::StatusOr<v1::Feedback> Move(const rpc::Caller& caller, const v1::MoveFeedbackRequest& request);

 private:
  // The deadlines again for the report's category and priority, from when its clock started.
  void Recount(const v1::Category& category, v1::Feedback* report) const;

  const FeedbackContext& ctx_;
  const ReportActs& acts_;
};

}  // namespace laso::feedback
