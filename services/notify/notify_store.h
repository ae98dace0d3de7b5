#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/outbox.h"

namespace laso::notify {

// Inbox owners are "sub:<subject>" (a signed-in resident) or "tel:<phone hash>"
// (someone known only by the phone they gave: a one-stop-shop applicant, a
// caller of the 1022 hotline). A resident who verified that phone reads both.
using Owners = std::vector<std::string>;

struct InboxEntry {
  int64_t seq = 0;
  std::string id, owner, event_id, type, kind, title, body, link;
  absl::Time created_at;
  std::optional<absl::Time> read_at;
};

// One Zalo message to send. The phone stays sealed until the moment of sending.
struct Delivery {
  int64_t seq = 0;
  std::string event_id, type, owner, phone_sealed, template_id, template_data;
  int attempts = 0;
  absl::Time next_attempt_at;
  std::optional<absl::Time> expires_at;
};

struct Contact {
  std::string subject, phone_hash, phone_sealed;
};

struct DeliveryCounts {
  int64_t processed = 0, inbox = 0, sent = 0, pending = 0, dead = 0;
};

struct DeadLetterRow {
  int64_t seq = 0;
  std::string occurred_at, payload;  // payload: {eventId, type, channel, reason, attempts}
};

// Where notify keeps what it knows; SQLite by default.
class NotifyStore {
 public:
  virtual ~NotifyStore() = default;

  class Tx {
   public:
    virtual ~Tx() = default;
    // False when the event was processed before (a redelivery).
    virtual absl::StatusOr<bool> MarkProcessed(const std::string& event_id, absl::Time now) = 0;
    virtual absl::StatusOr<std::string> Settings(const std::string& subject) = 0;
    virtual absl::StatusOr<std::optional<Contact>> ContactOf(const std::string& subject) = 0;
    // The resident who most recently verified this phone, if any.
    virtual absl::StatusOr<std::optional<std::string>> SubjectForPhone(const std::string& phone_hash) = 0;
    virtual absl::Status AddInbox(const InboxEntry& entry) = 0;
    virtual absl::Status AddDelivery(const Delivery& delivery) = 0;

    virtual absl::Status PutSettings(const std::string& subject, const std::string& body) = 0;
    virtual absl::Status PutContact(const Contact& contact, absl::Time now) = 0;
    virtual absl::StatusOr<std::optional<InboxEntry>> MarkRead(const std::string& id, const Owners& owners,
                                                                absl::Time now) = 0;
    virtual absl::StatusOr<int64_t> MarkAllRead(const Owners& owners, absl::Time now) = 0;

    // Due pending deliveries become "sending", claimed by `owner` (a sender's
    // process run): written before any is sent, so that after a crash they are
    // known to be in doubt.
    virtual absl::StatusOr<std::vector<Delivery>> ClaimDue(absl::Time now, int limit, const std::string& owner) = 0;
    // Deliveries in flight that another owner claimed before `claimed_before`.
    virtual absl::StatusOr<std::vector<Delivery>> Orphans(const std::string& owner, absl::Time claimed_before) = 0;
    virtual absl::Status MarkSent(int64_t seq, const std::string& msg_id, absl::Time now) = 0;
    // Back to pending, to be tried at `at`.
    virtual absl::Status Reschedule(int64_t seq, int attempts, absl::Time at, const std::string& error,
                                    absl::Time now) = 0;
    // Given up: marked dead and a dead letter appended for the dead-letter stream.
    virtual absl::Status MarkDead(const Delivery& delivery, const std::string& reason, const outbox::Event& letter,
                                  absl::Time now) = 0;
    // Dropped without a send (expired, or the resident turned Zalo off meanwhile).
    virtual absl::Status MarkSkipped(int64_t seq, const std::string& why, absl::Time now) = 0;
    // A resident's consent to Zalo messages, as the privacy service last told
    // it (an older change than the one kept is ignored); nullopt: never told.
    virtual absl::Status PutZaloConsent(const std::string& subject, bool granted, absl::Time at) = 0;
    virtual absl::StatusOr<std::optional<bool>> ZaloConsent(const std::string& subject) = 0;
    // Drops every pending delivery of these owners (the resident withdrew consent); how many.
    virtual absl::StatusOr<int64_t> SkipPendingOf(const Owners& owners, const std::string& why, absl::Time now) = 0;
    // Lets go of a resident (an erasure): their inbox and deliveries (by
    // `owners`), settings, contact and consent (by `subject`). Rows deleted.
    virtual absl::StatusOr<int64_t> ForgetRecipient(const Owners& owners, const std::string& subject) = 0;

    virtual absl::Status PutValue(const std::string& key, const std::string& value) = 0;
    virtual absl::StatusOr<std::string> Value(const std::string& key) = 0;
  };
  virtual absl::Status Write(const std::function<absl::Status(Tx&)>& work) = 0;

  virtual absl::StatusOr<std::vector<InboxEntry>> Inbox(const Owners& owners, int64_t before_seq, int limit,
                                                        bool unread_only) = 0;
  virtual absl::StatusOr<int64_t> UnreadCount(const Owners& owners) = 0;
  virtual absl::StatusOr<std::string> Settings(const std::string& subject) = 0;
  virtual absl::StatusOr<std::optional<Contact>> ContactOf(const std::string& subject) = 0;
  virtual absl::StatusOr<std::string> Value(const std::string& key) = 0;
  virtual absl::StatusOr<DeliveryCounts> Counts() = 0;
  virtual absl::StatusOr<std::vector<DeadLetterRow>> DeadLetters(int64_t before_seq, int limit) = 0;
  // Forgets processed ids, inbox entries and finished deliveries older than the cut-offs.
  virtual absl::StatusOr<int64_t> Prune(absl::Time processed_before, absl::Time inbox_before,
                                        absl::Time deliveries_before) = 0;
};

}  // namespace laso::notify
