#pragma once

#include "absl/status/statusor.h"
#include "services/feedback/feedback_context.h"

namespace laso::feedback {

// What the feedback service keeps, and for how long: a finished report keeps
// its link to the reporter for feedback.keep_reporter_contact after its last
// change; then the sealed name and phone, the phone hash and the account are
// erased, and the report (the place, the problem, the answer) stays as the
// province's record. One replica sweeps (the lease), a batch at a time.
// Unlinks a report from its reporter (sealed name and phone, phone hash,
// account), with a private update saying why; the report stays.
void ForgetReporter(absl::Time now, const std::string& why, StoredFeedback* f);

class Retention {
 public:
  explicit Retention(const FeedbackContext& ctx) : ctx_(ctx) {}

  // Reports whose reporter was forgotten in this sweep (also counted in
  // laso_retention_erased_total{kind="feedback.reporter"}).
  absl::StatusOr<int> ForgetOldReporters();

 private:
  const FeedbackContext& ctx_;
};

}  // namespace laso::feedback
