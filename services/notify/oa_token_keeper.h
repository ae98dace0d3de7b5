#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/crypto/pii_vault.h"
#include "common/time/clock.h"
#include "services/notify/notify_store.h"
#include "services/notify/zalo_oa_client.h"

namespace laso::notify {

// The Official Account's access token. Zalo's tokens last about 25 hours and
// each refresh also replaces the refresh token (the old one stops working),
// so the pair is kept sealed in notify's database the moment it arrives; the
// configured pair only seeds a fresh database.
class OaTokenKeeper {
 public:
  struct Seed {
    std::string access_token;   // used until Zalo refuses it
    std::string refresh_token;  // exchanged at once when there is no access token
  };
  OaTokenKeeper(NotifyStore& store, const crypto::PiiVault& vault, ZaloOaClient& zalo, Seed seed,
                absl::Duration refresh_before, const Clock* clock)
      : store_(store), vault_(vault), zalo_(zalo), seed_(std::move(seed)), refresh_before_(refresh_before), clock_(clock) {}

  // A token to send with now; refreshed first when it expires within
  // refresh_before or was refused.
  absl::StatusOr<std::string> Current();
  // Zalo refused the token: the next Current() refreshes.
  void Invalidate();
  std::optional<absl::Time> ExpiresAt();
  // Reads the pair from the store again at the next Current(): another
  // replica may have refreshed (and so rotated) it.
  void Forget();

  static constexpr const char* kStoreKey = "oa.token";

 private:
  absl::Status LoadLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status RefreshLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<OaToken> Exchange(const std::string& refresh_token);

  NotifyStore& store_;
  const crypto::PiiVault& vault_;
  ZaloOaClient& zalo_;
  const Seed seed_;
  const absl::Duration refresh_before_;
  const Clock* clock_;
  absl::Mutex mu_;
  bool loaded_ ABSL_GUARDED_BY(mu_) = false;
  bool refused_ ABSL_GUARDED_BY(mu_) = false;
  OaToken token_ ABSL_GUARDED_BY(mu_);
};

}  // namespace laso::notify
