#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/process/background_loop.h"
#include "common/redis/client.h"
#include "services/notify/event_intake.h"

namespace laso::notify {

struct ConsumerOptions {
  std::string stream = "laso:events";
  std::string group = "notify";
  std::string consumer = "notify-1";  // stable across restarts, unique per replica
  int batch = 500;
  absl::Duration block = absl::Milliseconds(200);
  absl::Duration claim_idle = absl::Seconds(30);
};

// Reads the event stream as one consumer of a group and hands batches to the
// intake; an entry is acknowledged (XACK) only after the intake committed it.
//   - After a crash, this consumer's unacknowledged entries are read again
//     first (XREADGROUP from 0); the intake recognises those it committed.
//   - Entries another consumer read and never acknowledged (it died) are
//     taken over once idle for claim_idle (XAUTOCLAIM).
//   - If Redis lost the group (restarted without persistence), it is made
//     again from the last entry processed, kept in SQLite.
class StreamConsumer {
 public:
  StreamConsumer(redis::Client& redis, EventIntake& intake, NotifyStore& store, ConsumerOptions options,
                 const Clock* clock)
      : redis_(redis), intake_(intake), store_(store), options_(std::move(options)), clock_(clock) {}

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
  EventIntake& intake_;
  NotifyStore& store_;
  const ConsumerOptions options_;
  const Clock* clock_;
  bool group_ready_ = false;
  bool read_own_pending_ = true;
  absl::Time next_claim_ = absl::InfinitePast();
  bool was_failing_ = false;
  absl::Duration backoff_ = absl::Milliseconds(100);
  process::BackgroundLoop loop_{[this] { return Round(); }};
};

// The replica's default consumer name: notify-<hostname>.
std::string DefaultConsumerName();

}  // namespace laso::notify
