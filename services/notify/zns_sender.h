#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/crypto/pii_vault.h"
#include "common/process/background_loop.h"
#include "common/time/clock.h"
#include "services/notify/notify_store.h"
#include "services/notify/oa_token_keeper.h"
#include "services/notify/zalo_oa_client.h"

namespace laso::notify {

struct SenderOptions {
  int concurrency = 16;
  int max_attempts = 6;
  absl::Duration backoff = absl::Seconds(2);
  absl::Duration max_backoff = absl::Minutes(10);
  int quota_reset_minute = 0;  // minutes after midnight, Vietnam time
  absl::Duration idle_poll = absl::Milliseconds(200);
  // Who this sender is in the claims: unique per process run ("" picks a random one).
  std::string owner;
  // Another owner's claim older than this is an orphan: its sender is gone or has given up
  // (more than zalo.timeout plus the time a lost lease takes to be noticed).
  absl::Duration orphan_after = absl::Seconds(10);
};

// Sends the queued Zalo messages. Each batch is marked "sending" on disk
// before anything goes out, then sent at once, then its results written:
//   - sent: done; Zalo's msg_id kept.
//   - 5xx, timeout: retried with exponential backoff and jitter, up to
//     max_attempts, then dead-lettered (the event id is the tracking_id on
//     every try, so Zalo's delivery report can reconcile).
//   - 4xx or a refusal of this message: dead-lettered at once.
//   - quota spent: every send pauses until the quota resets.
//   - token refused: refreshed, and the message tried again.
// After a crash, messages left "sending" may or may not have reached Zalo.
// They are not sent again (that could duplicate); they are dead-lettered as
// "interrupted" for reconciliation with Zalo's report by tracking_id.
class ZnsSender {
 public:
  ZnsSender(NotifyStore& store, const crypto::PiiVault& vault, ZaloOaClient& zalo, OaTokenKeeper& token,
            SenderOptions options, const Clock* clock)
      : store_(store), vault_(vault), zalo_(zalo), token_(token), options_(WithOwner(std::move(options))),
        clock_(clock) {}

  // What another sender left in flight (a crash, a lost lease), claimed more
  // than orphan_after ago: dead-lettered as "interrupted". Its own claims and
  // another's recent ones (a holder that has not yet noticed it lost the lease
  // may still be sending them) are left alone. Called when this replica takes
  // the lease, and by every round after.
  absl::StatusOr<int> RecoverInterrupted();
  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  void Wake() { loop_.Wake(); }

  // One batch; returns how many messages it handled (0: nothing due or paused).
  absl::StatusOr<int> RunOnce();
  std::optional<absl::Time> PausedUntil();

  static constexpr const char* kPauseKey = "zns.paused_until";

 private:
  static SenderOptions WithOwner(SenderOptions options);
  absl::Status DeadLetter(NotifyStore::Tx& tx, const Delivery& d, const std::string& reason);
  absl::Time NextQuotaReset(absl::Time now) const;
  absl::Duration Backoff(int attempts);
  absl::Duration Round();

  NotifyStore& store_;
  const crypto::PiiVault& vault_;
  ZaloOaClient& zalo_;
  OaTokenKeeper& token_;
  const SenderOptions options_;
  const Clock* clock_;
  bool was_failing_ = false;
  absl::Time next_orphan_check_ = absl::InfinitePast();
  process::BackgroundLoop loop_{[this] { return Round(); }};
};

}  // namespace laso::notify
