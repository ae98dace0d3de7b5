#include "services/notify/oa_token_keeper.h"

#include <nlohmann/json.hpp>

#include "absl/synchronization/notification.h"
#include "common/log/log.h"

namespace laso::notify {
namespace {

constexpr const char* kContext = "notify.oa_token";

}  // namespace

void OaTokenKeeper::Forget() {
  absl::MutexLock lock(&mu_);
  loaded_ = false;
}

absl::Status OaTokenKeeper::LoadLocked() {
  auto sealed = store_.Value(kStoreKey);
  if (!sealed.ok()) return sealed.status();
  if (!sealed->empty()) {
    auto text = vault_.Unseal(*sealed, kContext);
    if (!text.ok()) return text.status();
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_object()) {
      token_.access_token = j.value("access", "");
      token_.refresh_token = j.value("refresh", "");
      token_.expires_at = absl::FromUnixSeconds(j.value("expires", int64_t{0}));
      loaded_ = true;
      return absl::OkStatus();
    }
  }
  token_.access_token = seed_.access_token;
  token_.refresh_token = seed_.refresh_token;
  // A configured access token's life is unknown: use it until Zalo refuses it.
  token_.expires_at = seed_.access_token.empty() ? absl::InfinitePast() : absl::InfiniteFuture();
  loaded_ = true;
  return absl::OkStatus();
}

absl::StatusOr<OaToken> OaTokenKeeper::Exchange(const std::string& refresh_token) {
  absl::Notification done;
  absl::StatusOr<OaToken> fresh = absl::UnknownError("not run");
  zalo_.RefreshToken(refresh_token, clock_->Now(), [&](absl::StatusOr<OaToken> t) {
    fresh = std::move(t);
    done.Notify();
  });
  done.WaitForNotification();
  if (fresh.ok() && fresh->refresh_token.empty()) fresh->refresh_token = refresh_token;
  return fresh;
}

absl::Status OaTokenKeeper::RefreshLocked() {
  if (token_.refresh_token.empty()) {
    return absl::FailedPreconditionError(
        "no Zalo OA refresh token: set zalo.oa_refresh_token (or zalo.oa_access_token) to send ZNS");
  }
  absl::StatusOr<OaToken> fresh = Exchange(token_.refresh_token);
  if (!fresh.ok() && !seed_.refresh_token.empty() && seed_.refresh_token != token_.refresh_token) {
    // The kept token was refused: an operator may have configured a new one.
    fresh = Exchange(seed_.refresh_token);
  }
  if (!fresh.ok()) return fresh.status();
  nlohmann::json j = {{"access", fresh->access_token},
                      {"refresh", fresh->refresh_token},
                      {"expires", absl::ToUnixSeconds(fresh->expires_at)}};
  auto sealed = vault_.Seal(j.dump(), kContext);
  if (!sealed.ok()) return sealed.status();
  // Kept before use: the old refresh token no longer works.
  auto s = store_.Write([&](NotifyStore::Tx& tx) { return tx.PutValue(kStoreKey, *sealed); });
  if (!s.ok()) return s;
  token_ = *std::move(fresh);
  refused_ = false;
  log::Info("zalo OA access token refreshed", {{"valid_hours", absl::ToInt64Hours(token_.expires_at - clock_->Now())}});
  return absl::OkStatus();
}

absl::StatusOr<std::string> OaTokenKeeper::Current() {
  absl::MutexLock lock(&mu_);
  if (!loaded_) {
    if (auto s = LoadLocked(); !s.ok()) return s;
  }
  if (refused_ || token_.access_token.empty() || clock_->Now() + refresh_before_ >= token_.expires_at) {
    if (auto s = RefreshLocked(); !s.ok()) return s;
  }
  return token_.access_token;
}

void OaTokenKeeper::Invalidate() {
  absl::MutexLock lock(&mu_);
  refused_ = true;
}

std::optional<absl::Time> OaTokenKeeper::ExpiresAt() {
  absl::MutexLock lock(&mu_);
  if (!loaded_ || token_.expires_at == absl::InfinitePast() || token_.expires_at == absl::InfiniteFuture()) {
    return std::nullopt;
  }
  return token_.expires_at;
}

}  // namespace laso::notify
