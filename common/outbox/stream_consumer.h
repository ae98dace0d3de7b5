#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/process/background_loop.h"
#include "common/redis/client.h"
#include "common/time/clock.h"

// Reading the event stream the outbox relays publish, as a service that acts
// on other services' events (notify tells residents; waste and others act on
// the privacy service's).
namespace laso::outbox {

// An entry of the event stream, as the outbox relay wrote it.
struct StreamEvent {
  std::string stream_id;  // Redis's id, e.g. "1732431234567-0"
  std::string id;         // the event's own id (ULID), what repeats are recognised by
  std::string type, subject, occurred_at, source, payload;
};

// What a service does with the events it reads.
class EventSink {
 public:
  virtual ~EventSink() = default;
  // Handles a batch in one transaction with the newest stream id it holds
  // (the checkpoint), so that a batch read twice changes nothing the second time.
  virtual absl::Status Accept(const std::vector<StreamEvent>& events) = 0;
  // The newest stream id handled, or "" before the first.
  virtual absl::StatusOr<std::string> Checkpoint() = 0;
};

// Orders Redis stream ids ("<ms>-<seq>") by time.
bool StreamIdBefore(absl::string_view a, absl::string_view b);
// The newest stream id of a batch, for the checkpoint.
std::string NewestStreamId(const std::vector<StreamEvent>& events);

struct ConsumerOptions {
  std::string stream = "laso:events";
  std::string group = "notify";
  std::string consumer = "notify-1";  // stable across restarts, unique per replica
  int batch = 500;
  absl::Duration block = absl::Milliseconds(200);
  absl::Duration claim_idle = absl::Seconds(30);
};

// Reads the event stream as one consumer of a group and hands batches to the
// sink; an entry is acknowledged (XACK) only after the sink committed it.
//   - After a crash, this consumer's unacknowledged entries are read again
//     first (XREADGROUP from 0); the sink recognises those it committed.
//   - Entries another consumer read and never acknowledged (it died) are
//     taken over once idle for claim_idle (XAUTOCLAIM).
//   - If Redis lost the group (restarted without persistence), it is made
//     again from the sink's checkpoint.
class StreamConsumer {
 public:
  StreamConsumer(redis::Client& redis, EventSink& sink, ConsumerOptions options, const Clock* clock)
      : redis_(redis), sink_(sink), options_(std::move(options)), clock_(clock) {}

  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }

  // One round: recovery, a take-over or a (blocking) read; returns entries handled.
  absl::StatusOr<int> RunOnce();

  // Removes from the group the consumers of replicas that are gone: idle for
  // longer than `idle` and holding no unacknowledged entry (what a dead one
  // held was taken over by XAUTOCLAIM first). Returns their names.
  absl::StatusOr<std::vector<std::string>> ForgetGoneConsumers(absl::Duration idle);

 private:
  absl::Status EnsureGroup();
  absl::StatusOr<int> Handle(const redis::Reply& entries);
  absl::Duration Round();

  redis::Client& redis_;
  EventSink& sink_;
  const ConsumerOptions options_;
  const Clock* clock_;
  bool group_ready_ = false;
  bool read_own_pending_ = true;
  absl::Time next_claim_ = absl::InfinitePast();
  bool was_failing_ = false;
  absl::Duration backoff_ = absl::Milliseconds(100);
  process::BackgroundLoop loop_{[this] { return Round(); }};
};

// A replica's default consumer name: <service>-<hostname>.
std::string DefaultConsumerName(absl::string_view service);

}  // namespace laso::outbox
