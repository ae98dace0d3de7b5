#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/crypto/pii_vault.h"
#include "common/outbox/stream_consumer.h"
#include "common/personal/request_desk.h"
#include "common/time/clock.h"
#include "services/notify/notify_store.h"
#include "services/notify/preferences.h"
#include "services/notify/templates.h"

namespace laso::notify {

using outbox::StreamEvent;

struct IntakeCounts {
  int accepted = 0;  // new events
  int repeated = 0;  // seen before: a redelivery
  int ignored = 0;   // no template, or a payload we cannot read
  int inbox = 0;     // inbox entries written
  int zalo = 0;      // Zalo messages queued
  int stale = 0;     // Zalo messages not queued: about something long past (zns.staleAfter)
  int consents = 0;  // privacy.consent_changed events taken
  int withdrawn = 0;  // queued Zalo messages dropped because their resident withdrew consent
};

// The privacy service's event, and the purpose that lets notify send Zalo messages.
inline constexpr char kConsentChangedEvent[] = "privacy.consent_changed";
inline constexpr char kZaloMessagesPurpose[] = "zalo_messages";

// Turns a batch of events into inbox entries and queued Zalo messages, in one
// transaction with the record that each event was processed: a batch read
// twice (after a crash, before the acknowledgement reached Redis) is
// recognised by its event ids and changes nothing the second time.
//
// Who is told comes from the payload: "recipient" {subject, phoneSealed} or
// "holders" [subjects]. A resident who answered the privacy notice without
// granting Zalo messages (privacy.consent_changed) gets the inbox only. phoneSealed travels sealed under the shared "events"
// vault; notify re-seals it under its own before keeping it.
class EventIntake {
 public:
  EventIntake(NotifyStore& store, const Templates& templates, const Preferences& preferences,
              const crypto::PiiVault& events_vault, const crypto::PiiVault& vault, const Clock* clock)
      : store_(store),
        templates_(templates),
        preferences_(preferences),
        events_vault_(events_vault),
        vault_(vault),
        clock_(clock) {}

  absl::StatusOr<IntakeCounts> Accept(const std::vector<StreamEvent>& events);

  // Where notify keeps the id of the newest stream entry processed.
  static constexpr const char* kCheckpointKey = "stream.last_id";

 private:
  struct Recipient {
    std::string subject;
    std::string phone;  // in clear, in memory only
  };
  std::vector<Recipient> Recipients(const nlohmann::json& payload) const;
  // privacy.consent_changed: keeps whether the resident allows Zalo messages;
  // a withdrawal drops what is queued for them.
  absl::Status TakeConsent(NotifyStore::Tx& tx, const nlohmann::json& payload, IntakeCounts* counts) const;
  // stale_for_zalo: the event is older than its template's zns.staleAfter (inbox only).
  absl::Status Deliver(NotifyStore::Tx& tx, const StreamEvent& event, const EventTemplate& t, const Rendered& text,
                       const Recipient& to, bool stale_for_zalo, IntakeCounts* counts) const;

  NotifyStore& store_;
  const Templates& templates_;
  const Preferences& preferences_;
  const crypto::PiiVault& events_vault_;
  const crypto::PiiVault& vault_;
  const Clock* clock_;
};

// Sealing contexts of phones kept by notify and carried in events.
inline constexpr const char* kPhoneContext = "notify.phone";
inline constexpr const char* kEventPhoneContext = "event.recipient_phone";

std::string SubjectOwner(const std::string& subject);
std::string PhoneOwner(const std::string& phone_hash);


// The intake as the stream consumer's sink, counting outcomes in
// laso_notify_events_total; the privacy service's export and erasure
// requests go to `requests` (may be null: none answered).
class IntakeSink : public outbox::EventSink {
 public:
  IntakeSink(EventIntake& intake, NotifyStore& store, personal::RequestDesk* requests = nullptr)
      : intake_(intake), store_(store), requests_(requests) {}
  absl::Status Accept(const std::vector<StreamEvent>& events) override;
  absl::StatusOr<std::string> Checkpoint() override { return store_.Value(EventIntake::kCheckpointKey); }

 private:
  EventIntake& intake_;
  NotifyStore& store_;
  personal::RequestDesk* requests_;
};

}  // namespace laso::notify
