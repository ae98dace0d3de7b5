#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/crypto/pii_vault.h"
#include "common/geo/geo.h"
#include "common/rpc/caller.h"
#include "common/time/clock.h"
#include "common/time/working_day_calendar.h"
#include "services/feedback/attachments.h"
#include "services/feedback/catalog.h"
#include "services/feedback/feedback_store.h"
#include "services/feedback/feedback_view.h"
#include "services/feedback/workflow.h"

namespace laso::feedback {

struct FeedbackOptions {
  // Reports must lie inside the province.
  geo::Polygon boundary{{}};
  // Time of day (Vietnam) a report is due on its due day.
  absl::Duration due_time_of_day = absl::Hours(17);
  // How long after an answer the reporter may reopen; then it closes itself.
  absl::Duration reopen_window = absl::Hours(24 * 7);
  double nearby_radius_m = 250;
  int nearby_max = 5;
};

// The feedback service's behaviour, independent of gRPC: residents report,
// follow, support, rate and reopen; operators route and turn away; officers
// accept, answer and hand back; admins moderate. Every change is an update
// entry on the report and, where someone must be told, an outbox event in
// the same transaction.
class Feedbacks {
 public:
  Feedbacks(FeedbackStore& store, Catalog& catalog, Attachments& attachments, const crypto::PiiVault& vault,
            const crypto::PiiVault& events_vault, const WorkingDayCalendar& calendar, FeedbackOptions options,
            const Clock* clock)
      : store_(store), catalog_(catalog), attachments_(attachments), vault_(vault), events_vault_(events_vault),
        calendar_(calendar), options_(std::move(options)), clock_(clock) {}

  // Catalogue.
  absl::Status LoadCatalog();
  absl::StatusOr<v1::ListCategoriesResponse> ListCategories(const v1::ListCategoriesRequest& request) const;
  absl::StatusOr<v1::Category> GetCategory(const v1::GetCategoryRequest& request) const;
  absl::StatusOr<v1::Category> PutCategory(const rpc::Caller& caller, const v1::PutCategoryRequest& request);
  absl::StatusOr<v1::ImportCatalogResponse> ImportCatalog(const rpc::Caller& caller,
                                                          const v1::ImportCatalogRequest& request);
  absl::StatusOr<v1::ListAgenciesResponse> ListAgencies() const;

  // Residents.
  absl::StatusOr<v1::CreateFeedbackResponse> Create(const rpc::Caller& caller, const v1::CreateFeedbackRequest& request,
                                                    const std::string& idempotency_key);
  absl::StatusOr<v1::Feedback> Get(const rpc::Caller& caller, const v1::GetFeedbackRequest& request);
  absl::StatusOr<v1::ListFeedbackResponse> ListMine(const rpc::Caller& caller, const v1::ListMyFeedbackRequest& request);
  absl::StatusOr<v1::ListFeedbackResponse> Nearby(const rpc::Caller& caller, const v1::NearbyFeedbackRequest& request);
  absl::StatusOr<v1::ListFeedbackResponse> ListPublic(const v1::ListPublicFeedbackRequest& request);
  absl::StatusOr<v1::Feedback> Support(const rpc::Caller& caller, const v1::FeedbackActionRequest& request);
  // A rating, a reopening or an answer sent again with the same Idempotency-Key is done once.
  absl::StatusOr<v1::Feedback> Rate(const rpc::Caller& caller, const v1::RateFeedbackRequest& request,
                                    const std::string& idempotency_key = "");
  absl::StatusOr<v1::Feedback> Reopen(const rpc::Caller& caller, const v1::FeedbackActionRequest& request,
                                      const std::string& idempotency_key = "");

  // Staff.
  absl::StatusOr<v1::ListFeedbackResponse> List(const rpc::Caller& caller, const v1::ListFeedbackRequest& request);
  absl::StatusOr<v1::Feedback> Assign(const rpc::Caller& caller, const v1::AssignFeedbackRequest& request);
  absl::StatusOr<v1::Feedback> Reject(const rpc::Caller& caller, const v1::RejectFeedbackRequest& request);
  absl::StatusOr<v1::Feedback> Accept(const rpc::Caller& caller, const v1::FeedbackActionRequest& request);
  absl::StatusOr<v1::Feedback> Respond(const rpc::Caller& caller, const v1::RespondFeedbackRequest& request,
                                       const std::string& idempotency_key = "");
  absl::StatusOr<v1::Feedback> Transfer(const rpc::Caller& caller, const v1::FeedbackActionRequest& request);
  absl::StatusOr<v1::Feedback> Hide(const rpc::Caller& caller, const v1::HideFeedbackRequest& request);
  absl::StatusOr<v1::BanReporterResponse> BanReporter(const rpc::Caller& caller, const v1::BanReporterRequest& request);
  absl::StatusOr<v1::FeedbackStats> Stats(const v1::GetFeedbackStatsRequest& request);

  // Closes reports answered longer than the reopen window ago; returns how many.
  absl::StatusOr<int> CloseExpired();

  static constexpr int kMaxAttachments = 5;

 private:
  // Loads the report, checks who may act on it and that the action fits its
  // status, lets `change` edit it, appends the update, saves and emits `event`
  // (if any) in one transaction, and answers the caller's view. With `retried`,
  // an action done before under its key changes nothing and answers the report as it is.
  using Change = std::function<absl::Status(StoredFeedback&, FeedbackStore::Tx&, v1::Update&)>;
  absl::StatusOr<v1::Feedback> Act(const rpc::Caller& caller, const std::string& id, Action action, Change change,
                                   const std::string& event_type, v1::Status reject_as = v1::REJECTED,
                                   const idempotency::RetriedWrite* retried = nullptr);
  absl::Status MayAct(const rpc::Caller& caller, const StoredFeedback& stored, Action action) const;
  Audience AudienceOf(const rpc::Caller& caller, const StoredFeedback& stored) const;
  absl::Status Emit(FeedbackStore::Tx& tx, const StoredFeedback& stored, const std::string& type) const;
  absl::Time DueAfter(absl::Time start, int working_days) const;
  v1::ListFeedbackResponse Page(const rpc::Caller& caller, FeedbackPage page);

  FeedbackStore& store_;
  Catalog& catalog_;
  Attachments& attachments_;
  const crypto::PiiVault& vault_;
  const crypto::PiiVault& events_vault_;
  const WorkingDayCalendar& calendar_;
  FeedbackOptions options_;
  const Clock* clock_;
};

// The caller's own phone hash ("" without a verified phone).
std::string PhoneHashOf(const crypto::PiiVault& vault, const rpc::Caller& caller);

}  // namespace laso::feedback
