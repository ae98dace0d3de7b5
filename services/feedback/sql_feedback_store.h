#pragma once

#include <memory>

#include "common/sql/database.h"
#include "common/time/clock.h"
#include "services/feedback/feedback_store.h"

namespace laso::feedback {

// FeedbackStore on either engine (SQLite or PostgreSQL): each report is a row of columns to filter
// on plus the stored message; supports, idempotency keys, bans, attachments
// and the catalogue have tables of their own.
class SqlFeedbackStore final : public FeedbackStore {
 public:
  // The data version (common/sql/data_versions.h) bumped by every catalogue change.
  static constexpr char kCatalogueVersion[] = "feedback.catalogue";

  // Applies the schema migrations (and the outbox's).
  static absl::StatusOr<std::unique_ptr<SqlFeedbackStore>> Open(sql::Database& db,
                                                                const Clock* clock = RealClock::Get());

  absl::Status Write(const std::function<absl::Status(Tx&)>& work) override;
  absl::StatusOr<std::optional<StoredFeedback>> Load(const std::string& id) override;
  absl::StatusOr<bool> HasSupported(const std::string& id, const std::string& subject) override;
  absl::StatusOr<std::vector<SupportRow>> SupportedBy(const std::string& subject) override;
  absl::StatusOr<std::optional<AttachmentRow>> LoadAttachment(const std::string& id) override;
  absl::StatusOr<FeedbackPage> ListByUrgency(const FeedbackFilter& filter, const UrgencyCursor& after,
                                             int limit) override;
  absl::StatusOr<FeedbackPage> List(const FeedbackFilter& filter, int64_t before_seq, int limit,
                                    int64_t offset = 0) override;
  absl::StatusOr<std::vector<StoredFeedback>> InBox(const std::string& category, bool open_only, double min_lat,
                                                    double max_lat, double min_lng, double max_lng,
                                                    int limit) override;
  absl::StatusOr<std::vector<std::string>> FinishedWithReporterBefore(absl::Time before, int limit) override;
  absl::StatusOr<std::vector<std::string>> AnsweredBefore(absl::Time answered_before, int limit) override;
  absl::StatusOr<std::vector<StatsFact>> StatsFacts(absl::Time from, absl::Time to) override;
  absl::StatusOr<CatalogData> LoadCatalog() override;

 private:
  SqlFeedbackStore(sql::Database& db, const Clock* clock) : db_(db), clock_(clock) {}
  sql::Database& db_;
  const Clock* clock_;
};

}  // namespace laso::feedback
