#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/idempotency/retried_write.h"
#include "common/outbox/outbox.h"
#include "common/outbox/stream_consumer.h"
#include "laso/waste/v1/waste.pb.h"

namespace laso::waste {

struct Fix {
  std::string vehicle_id;
  absl::Time recorded_at;
  double lat = 0, lng = 0, speed = 0, heading = 0;
};

struct StoredSubscription {
  v1::Subscription subscription;
  std::string subject;
  bool cancelled = false;  // in a log: stop watching it (only its id is left)
};

// What other replicas (and this one) wrote after a version, oldest first, and
// the version it brings the reader to. Versions are those of
// common/sql/data_versions.h: a reader that applied version N misses nothing
// by asking for what came after N.
template <typename T>
struct Log {
  std::vector<T> items;
  int64_t version = 0;
};

// The data versions a replica follows.
inline constexpr char kRoutesVersion[] = "waste.routes";
inline constexpr char kSubscriptionsVersion[] = "waste.subscriptions";
inline constexpr char kFixesVersion[] = "waste.fixes";

// Where routes, position history and subscriptions live: SQLite (the default) or PostgreSQL.
class WasteStore {
 public:
  virtual ~WasteStore() = default;

  class Tx {
   public:
    virtual ~Tx() = default;
    virtual absl::Status PutRoute(const v1::Route& route) = 0;
    // How many were new (the rest were there: same vehicle and time).
    virtual absl::StatusOr<int> AddFixes(const std::vector<Fix>& fixes) = 0;
    virtual absl::Status PutSubscription(const StoredSubscription& s) = 0;
    // False when the subject has no such subscription (or it was cancelled before). Keeps only its id.
    virtual absl::StatusOr<bool> CancelSubscription(const std::string& id, const std::string& subject) = 0;
    // Cancels every subscription of the subject; how many.
    virtual absl::StatusOr<int> CancelSubscriptionsOf(const std::string& subject) = 0;
    // Cancels them and lets go of the subject on every one, cancelled before
    // or now (an erasure): only the ids stay, for replicas to stop watching.
    virtual absl::StatusOr<int> ForgetSubscriber(const std::string& subject) = 0;
    // Moves the checkpoint of a consumer group of the event stream to the newest of `events`.
    virtual absl::Status AdvanceStreamCheckpoint(const std::string& group,
                                                 const std::vector<outbox::StreamEvent>& events) = 0;
    // False when this subscription was warned for this route that day.
    virtual absl::StatusOr<bool> RecordWarning(const std::string& subscription_id, const std::string& route_id,
                                               const std::string& day) = 0;
    virtual absl::Status PutTrackerKey(const std::string& vehicle_id, const std::string& sealed_key) = 0;
    virtual absl::Status Emit(const outbox::Event& event) = 0;
    // Writes a phone may retry, remembered by Idempotency-Key.
    virtual idempotency::Ledger& Idempotency() = 0;
  };
  virtual absl::Status Write(const std::function<absl::Status(Tx&)>& work) = 0;

  virtual absl::StatusOr<std::vector<v1::Route>> Routes() = 0;
  // A vehicle's fixes in [from, to), oldest first.
  virtual absl::StatusOr<std::vector<Fix>> Fixes(const std::string& vehicle_id, absl::Time from, absl::Time to) = 0;
  // Every vehicle's fixes since `from`, oldest first (to rebuild today's runs).
  virtual absl::StatusOr<std::vector<Fix>> FixesSince(absl::Time from) = 0;
  // Those not cancelled.
  virtual absl::StatusOr<std::vector<StoredSubscription>> Subscriptions() = 0;
  virtual absl::StatusOr<std::vector<v1::Subscription>> SubscriptionsOf(const std::string& subject) = 0;
  // The committed version of kRoutesVersion, kSubscriptionsVersion or kFixesVersion.
  virtual absl::StatusOr<int64_t> Version(const std::string& name) = 0;
  virtual absl::StatusOr<Log<Fix>> FixesAfter(int64_t version) = 0;
  virtual absl::StatusOr<Log<StoredSubscription>> SubscriptionsAfter(int64_t version) = 0;
  virtual absl::StatusOr<int64_t> PruneFixes(absl::Time before) = 0;
  // The newest stream id a consumer group of waste handled, or "".
  virtual absl::StatusOr<std::string> StreamCheckpoint(const std::string& group) = 0;
  // The vehicle's tracker key, sealed; "" when none was registered.
  virtual absl::StatusOr<std::string> TrackerKey(const std::string& vehicle_id) = 0;
};

}  // namespace laso::waste
