#pragma once

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "services/feedback/report_acts.h"

namespace laso::feedback {

// Reading reports: one report as the caller may see it, a resident's own,
// the nearby ones ("already reported?"), the public list (Open311) and the
// staff's work list.
class FeedbackViews {
 public:
  FeedbackViews(const FeedbackContext& ctx, const ReportActs& acts) : ctx_(ctx), acts_(acts) {}

  absl::StatusOr<v1::Feedback> Get(const rpc::Caller& caller, const v1::GetFeedbackRequest& request) const;
  absl::StatusOr<v1::ListFeedbackResponse> ListMine(const rpc::Caller& caller,
                                                    const v1::ListMyFeedbackRequest& request) const;
  absl::StatusOr<v1::ListFeedbackResponse> Nearby(const rpc::Caller& caller,
                                                  const v1::NearbyFeedbackRequest& request) const;
  absl::StatusOr<v1::ListFeedbackResponse> ListPublic(const v1::ListPublicFeedbackRequest& request) const;
  // The reporter's contact in full, for staff who see the report as staff;
  // the read is recorded in the audit log in the same transaction.
  absl::StatusOr<v1::Contact> RevealReporter(const rpc::Caller& caller, const v1::RevealReporterRequest& request) const;
  // The operators' and officers' work list (officers and supervisors: their agency's).
  absl::StatusOr<v1::ListFeedbackResponse> List(const rpc::Caller& caller, const v1::ListFeedbackRequest& request) const;

 private:
  const FeedbackContext& ctx_;
  const ReportActs& acts_;
};

// The store's filter for a work list request by this caller (also what an export reads).
absl::StatusOr<FeedbackFilter> WorkListFilter(const rpc::Caller& caller, const v1::ListFeedbackRequest& request,
                                              absl::Time now);

// Opaque page tokens of a work list in urgency order; an empty token is the first page.
std::string EncodeUrgencyToken(const UrgencyCursor& at);
absl::StatusOr<UrgencyCursor> DecodeUrgencyToken(const std::string& token);

}  // namespace laso::feedback
