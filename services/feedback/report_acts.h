#pragma once

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "common/audit/audit.h"
#include "common/idempotency/retried_write.h"
#include "common/rpc/caller.h"
#include "services/feedback/feedback_context.h"
#include "services/feedback/feedback_view.h"
#include "services/feedback/workflow.h"

namespace laso::feedback {

// What every action on a report shares: who the caller is to the report,
// whether they may act, the one transaction that loads, changes, records and
// announces, and the view they get back.
class ReportActs {
 public:
  explicit ReportActs(const FeedbackContext& ctx) : ctx_(ctx) {}

  // Loads the report, checks who may act on it and that the action fits its
  // status, lets `change` edit it, appends the update, saves and emits `event`
  // (if any) in one transaction, and answers the caller's view. With `retried`,
  // an action done before under its key changes nothing and answers the report as it is.
  using Change = std::function<absl::Status(StoredFeedback&, FeedbackStore::Tx&, v1::Update&)>;
  absl::StatusOr<v1::Feedback> Act(const rpc::Caller& caller, const std::string& id, Action action, Change change,
                                   const std::string& event_type, v1::Status reject_as = v1::REJECTED,
                                   const idempotency::RetriedWrite* retried = nullptr) const;

  absl::Status MayAct(const rpc::Caller& caller, const StoredFeedback& stored, Action action) const;
  Audience AudienceOf(const rpc::Caller& caller, const StoredFeedback& stored) const;
  // An outbox event about the report (the reporter's phone travels sealed for the notifier).
  absl::Status Emit(FeedbackStore::Tx& tx, const StoredFeedback& stored, const std::string& type) const;
  // The audit event of a staff caller's act on the report, or read of its
  // reporter's `fields` (nothing for residents, integrations and the system).
  absl::Status Audit(FeedbackStore::Tx& tx, const rpc::Caller& caller, const StoredFeedback& stored,
                     const std::string& action, std::vector<std::string> fields = {},
                     const std::string& reason = "") const;
  v1::Feedback View(const rpc::Caller& caller, const StoredFeedback& stored) const;
  v1::ListFeedbackResponse Page(const rpc::Caller& caller, FeedbackPage page) const;

 private:
  const FeedbackContext& ctx_;
};

absl::Status ReportNotFound();

// Routed by the rules at `now`: the report goes to `agency` (ASSIGNED), with
// the system's public update saying so.
void RouteByRules(absl::Time now, const v1::Agency& agency, v1::Feedback* report);

// The caller's own phone hash ("" without a verified phone).
std::string PhoneHashOf(const crypto::PiiVault& vault, const rpc::Caller& caller);

}  // namespace laso::feedback
