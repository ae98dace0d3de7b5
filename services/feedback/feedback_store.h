#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/idempotency/retried_write.h"
#include "common/outbox/outbox.h"
#include "services/feedback/catalog.h"
#include "services/feedback/feedback_internal.pb.h"

namespace laso::feedback {

using internal::StoredFeedback;

// An attachment as stored: the bytes live in a file named by their hash.
struct AttachmentRow {
  std::string id;
  std::string sha256;  // hex
  int64_t size = 0;
  std::string content_type;
  std::string owner;  // subject of the uploader
  absl::Time created_at;
  bool redacted = false;
};

// What a list may be narrowed to. Empty strings and unset values do not narrow.
struct FeedbackFilter {
  std::vector<int> statuses;
  std::string category, ward, agency;
  std::optional<absl::Time> overdue_at;  // open and due before this
  std::string folded_text;               // text::FoldForSearch of the words
  std::vector<std::string> ids;
  std::optional<absl::Time> received_from, received_to;
  bool public_only = false;  // no hidden or held reports
  std::string reporter_phone_hash, filed_by;  // a resident's own (either matches)
  int channel = 0;       // v1::Channel; 0: any
  int min_priority = 0;  // v1::Priority; 0: any
  std::string assignee;  // an officer's username
  bool count_total = true;  // FeedbackPage::total (a second query over the whole range)
  bool count_by_status = false;  // FeedbackPage::by_status, under every filter but `statuses`
};

// Where a list in urgency order goes on from: the last report of the page before.
struct UrgencyCursor {
  int priority = 0;
  int64_t due_at_us = 0;
  int64_t seq = 0;  // 0: the first page
};

struct SupportRow {
  std::string id;
  absl::Time at;
};

struct FeedbackPage {
  std::vector<StoredFeedback> items;
  int64_t next_seq = 0;  // 0: no more
  int64_t total = 0;  // 0 unless the filter asked for it
  std::vector<std::pair<int, int64_t>> by_status;  // (status, reports), when asked for
  UrgencyCursor next_urgency;  // ListByUrgency: where the next page starts (seq 0: none)
};

// One row per report for statistics.
struct StatsFact {
  std::string agency, category, ward;
  int status = 0;
  absl::Time received_at;
  absl::Time due_at;
  std::optional<absl::Time> answered_at;
  int rating = 0;
  int channel = 0;  // v1::Channel
};

// Where reports live. SQLite is the embedded default; the interface is small
// so that a PostgreSQL-wire store can take its place.
class FeedbackStore {
 public:
  virtual ~FeedbackStore() = default;

  // One transaction: everything a Write does commits together or not at all.
  class Tx {
   public:
    virtual ~Tx() = default;
    virtual absl::StatusOr<std::optional<StoredFeedback>> Load(const std::string& id) = 0;
    // The next number of the year's sequence (1, 2, ...).
    virtual absl::StatusOr<int64_t> NextNumber(int year) = 0;
    virtual absl::Status Save(const StoredFeedback& feedback) = 0;
    // False when this subject supported the report before.
    virtual absl::StatusOr<bool> AddSupport(const std::string& id, const std::string& subject) = 0;
    // Writes a phone may retry, remembered by Idempotency-Key.
    virtual idempotency::Ledger& Idempotency() = 0;
    // Lets go of a resident (an erasure): their supports and remembered retries
    // are deleted, their uploads no longer name them. Returns rows changed.
    virtual absl::StatusOr<int64_t> ForgetSubject(const std::string& subject) = 0;
    virtual absl::StatusOr<bool> IsBanned(const std::string& phone_hash) = 0;
    virtual absl::Status SetBanned(const std::string& phone_hash, bool banned, const std::string& reason) = 0;
    virtual absl::StatusOr<std::optional<AttachmentRow>> LoadAttachment(const std::string& id) = 0;
    virtual absl::Status SaveAttachment(const AttachmentRow& row) = 0;
    virtual absl::Status PutAgency(const v1::Agency& agency) = 0;
    virtual absl::Status PutWard(const v1::Ward& ward) = 0;
    virtual absl::Status PutCategory(const v1::Category& category) = 0;
    virtual absl::Status PutAnswerTemplate(const v1::AnswerTemplate& answer_template) = 0;
    virtual absl::Status Emit(const outbox::Event& event) = 0;
  };
  virtual absl::Status Write(const std::function<absl::Status(Tx&)>& work) = 0;

  virtual absl::StatusOr<std::optional<StoredFeedback>> Load(const std::string& id) = 0;
  virtual absl::StatusOr<bool> HasSupported(const std::string& id, const std::string& subject) = 0;
  // The reports a resident supported ("me too"), oldest first.
  virtual absl::StatusOr<std::vector<SupportRow>> SupportedBy(const std::string& subject) = 0;
  virtual absl::StatusOr<std::optional<AttachmentRow>> LoadAttachment(const std::string& id) = 0;
  // Newest first, from `before_seq` (0: the newest), skipping `offset`.
  virtual absl::StatusOr<FeedbackPage> List(const FeedbackFilter& filter, int64_t before_seq, int limit,
                                            int64_t offset = 0) = 0;
  // The most urgent first (highest priority, then earliest due, then oldest), after `after`.
  virtual absl::StatusOr<FeedbackPage> ListByUrgency(const FeedbackFilter& filter, const UrgencyCursor& after,
                                                     int limit) = 0;
  // Reports of the category with a location inside the box.
  virtual absl::StatusOr<std::vector<StoredFeedback>> InBox(const std::string& category, bool open_only,
                                                            double min_lat, double max_lat, double min_lng,
                                                            double max_lng, int limit) = 0;
  // Finished reports (closed, rejected, merged) untouched since before `before` that still name their reporter.
  virtual absl::StatusOr<std::vector<std::string>> FinishedWithReporterBefore(absl::Time before, int limit) = 0;
  // Answered reports whose answer is older than `answered_before`.
  virtual absl::StatusOr<std::vector<std::string>> AnsweredBefore(absl::Time answered_before, int limit) = 0;
  // Reports received or answered in [from, to), or open now.
  virtual absl::StatusOr<std::vector<StatsFact>> StatsFacts(absl::Time from, absl::Time to) = 0;
  virtual absl::StatusOr<CatalogData> LoadCatalog() = 0;
};

}  // namespace laso::feedback
