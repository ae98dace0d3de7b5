#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "services/feedback/report_acts.h"

namespace laso::feedback {

// Handling a report at the desk and in the agency: operators route it (to an
// agency, and a supervisor to one officer) or turn it away; the agency
// accepts, answers in public or notes in private, or hands it back; answered
// reports close by themselves after the reopen window.
class Handling {
 public:
  Handling(const FeedbackContext& ctx, const ReportActs& acts) : ctx_(ctx), acts_(acts) {}

  absl::StatusOr<v1::Feedback> Assign(const rpc::Caller& caller, const v1::AssignFeedbackRequest& request);
  absl::StatusOr<v1::Feedback> Reject(const rpc::Caller& caller, const v1::RejectFeedbackRequest& request);
  absl::StatusOr<v1::Feedback> Accept(const rpc::Caller& caller, const v1::FeedbackActionRequest& request);
  // An answer sent again with the same Idempotency-Key is recorded once.
  absl::StatusOr<v1::Feedback> Respond(const rpc::Caller& caller, const v1::RespondFeedbackRequest& request,
                                       const std::string& idempotency_key = "");
  absl::StatusOr<v1::Feedback> Transfer(const rpc::Caller& caller, const v1::FeedbackActionRequest& request);

  // Closes reports answered longer than the reopen window ago; returns how many.
  absl::StatusOr<int> CloseExpired();

 private:
  const FeedbackContext& ctx_;
  const ReportActs& acts_;
};

}  // namespace laso::feedback
