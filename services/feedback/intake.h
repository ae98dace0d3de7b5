#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "services/feedback/report_acts.h"

namespace laso::feedback {

// A new report: a resident with a verified phone, an operator typing a call
// in, or an integration (Open311). Validated, routed by the category's rules,
// given its deadlines, and announced, in one transaction.
class Intake {
 public:
  Intake(const FeedbackContext& ctx, const ReportActs& acts) : ctx_(ctx), acts_(acts) {}

  // The same Idempotency-Key with the same body answers the same report and files no second one.
  absl::StatusOr<v1::CreateFeedbackResponse> Create(const rpc::Caller& caller, const v1::CreateFeedbackRequest& request,
                                                    const std::string& idempotency_key);

  static constexpr int kMaxAttachments = 5;

 private:
  const FeedbackContext& ctx_;
  const ReportActs& acts_;
};

}  // namespace laso::feedback
