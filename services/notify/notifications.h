#pragma once

#include "absl/status/statusor.h"
#include "common/crypto/pii_vault.h"
#include "common/personal/personal_data.h"
#include "common/time/clock.h"
#include "laso/common/v1/caller.pb.h"
#include "laso/notify/v1/notify.pb.h"
#include "services/notify/notify_store.h"
#include "services/notify/oa_token_keeper.h"
#include "services/notify/preferences.h"
#include "services/notify/zns_sender.h"

namespace laso::notify {

// What residents and operators ask of notify: the inbox, settings, and how
// delivery is going. Every call by a resident also records the verified phone
// their session carries (sealed), which is how notify reaches by Zalo someone
// an event names only by subject (bill holders, truck subscribers).
class Notifications : public personal::Holder {
 public:
  Notifications(NotifyStore& store, const Preferences& preferences, const crypto::PiiVault& vault, ZnsSender* sender,
                OaTokenKeeper* token, const Clock* clock)
      : store_(store), preferences_(preferences), vault_(vault), sender_(sender), token_(token), clock_(clock) {}

  absl::StatusOr<v1::ListNotificationsResponse> List(const common::v1::Caller& caller,
                                                     const v1::ListNotificationsRequest& req);
  absl::StatusOr<v1::Notification> MarkRead(const common::v1::Caller& caller, const v1::MarkReadRequest& req);
  absl::StatusOr<v1::MarkAllReadResponse> MarkAllRead(const common::v1::Caller& caller);
  absl::StatusOr<v1::NotificationSettings> GetSettings(const common::v1::Caller& caller);
  absl::StatusOr<v1::NotificationSettings> UpdateSettings(const common::v1::Caller& caller,
                                                          const v1::NotificationSettings& update);
  absl::StatusOr<v1::DeliveryStats> Stats();
  absl::StatusOr<v1::ListDeadLettersResponse> DeadLetters(const v1::ListDeadLettersRequest& req);

  // A resident's export and erasure: their inbox (by account and by verified
  // phone), settings, the phone notify keeps for Zalo messages, their consent,
  // and the messages queued or sent to them.
  absl::StatusOr<nlohmann::json> Export(const personal::Person& person) override;
  absl::StatusOr<nlohmann::json> Erase(const personal::Person& person) override;

 private:
  // A caller as the inbox knows them, worked out once per call.
  struct Reader {
    std::string phone;       // normalized; empty without a verified phone
    std::string phone_hash;  // keyed hash of it
    Owners owners;           // their subject, and their verified phone if any
  };
  Reader ReaderOf(const common::v1::Caller& caller) const;
  // Remembers the caller's verified phone for Zalo messages; true if one is known.
  absl::StatusOr<bool> Remember(const common::v1::Caller& caller, const Reader& reader);

  NotifyStore& store_;
  const Preferences& preferences_;
  const crypto::PiiVault& vault_;
  ZnsSender* sender_;     // may be null (no Zalo configured)
  OaTokenKeeper* token_;  // may be null
  const Clock* clock_;
};

}  // namespace laso::notify
