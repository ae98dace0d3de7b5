#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "services/feedback/report_acts.h"

namespace laso::feedback {

// What residents do after reporting: support someone else's report ("tôi
// cũng gặp"), rate the answer, reopen it within the window.
class FollowUp {
 public:
  FollowUp(const FeedbackContext& ctx, const ReportActs& acts) : ctx_(ctx), acts_(acts) {}

  absl::StatusOr<v1::Feedback> Support(const rpc::Caller& caller, const v1::FeedbackActionRequest& request);
  // A rating or a reopening sent again with the same Idempotency-Key is done once.
  absl::StatusOr<v1::Feedback> Rate(const rpc::Caller& caller, const v1::RateFeedbackRequest& request,
                                    const std::string& idempotency_key = "");
  absl::StatusOr<v1::Feedback> Reopen(const rpc::Caller& caller, const v1::FeedbackActionRequest& request,
                                      const std::string& idempotency_key = "");

 private:
  const FeedbackContext& ctx_;
  const ReportActs& acts_;
};

}  // namespace laso::feedback
