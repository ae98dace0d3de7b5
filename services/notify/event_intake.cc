#include "services/notify/event_intake.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/random.h"
#include "common/json/fields.h"
#include "common/log/log.h"
#include "common/metrics/metrics.h"
#include "common/phone/phone.h"
#include "common/time/rfc3339.h"

namespace laso::notify {
namespace {

// When what an event tells happened: the payload's "time" (a dossier status's
// own time, which a sync may bring in days later), else when it was emitted.
absl::Time HappenedAt(const nlohmann::json& payload, const StreamEvent& event) {
  if (auto t = ParseRfc3339(JsonText(payload, "time")); t.ok()) return *t;
  auto emitted = ParseRfc3339(event.occurred_at);
  return emitted.ok() ? *emitted : absl::InfiniteFuture();
}

}  // namespace

std::string SubjectOwner(const std::string& subject) { return absl::StrCat("sub:", subject); }
std::string PhoneOwner(const std::string& phone_hash) { return absl::StrCat("tel:", phone_hash); }


std::vector<EventIntake::Recipient> EventIntake::Recipients(const nlohmann::json& payload) const {
  std::vector<Recipient> out;
  if (auto r = payload.find("recipient"); r != payload.end() && r->is_object()) {
    Recipient to;
    to.subject = r->value("subject", "");
    std::string sealed_b64 = r->value("phoneSealed", ""), sealed;
    if (!sealed_b64.empty() && absl::Base64Unescape(sealed_b64, &sealed)) {
      auto phone = events_vault_.Unseal(sealed, kEventPhoneContext);
      if (phone.ok()) {
        auto normalized = phone::Normalize(*phone);
        if (normalized.ok()) to.phone = *normalized;
      } else {
        log::Warn("an event's recipient phone cannot be opened (is the events key shared?)",
                  {{"error", std::string(phone.status().message())}});
      }
    }
    if (!to.subject.empty() || !to.phone.empty()) out.push_back(std::move(to));
  }
  if (auto h = payload.find("holders"); h != payload.end() && h->is_array()) {
    for (const auto& subject : *h) {
      if (subject.is_string() && !subject.get<std::string>().empty()) out.push_back({subject.get<std::string>(), ""});
    }
  }
  return out;
}

absl::Status EventIntake::Deliver(NotifyStore::Tx& tx, const StreamEvent& event, const EventTemplate& t,
                                  const Rendered& text, const Recipient& to, bool stale_for_zalo,
                                  IntakeCounts* counts) const {
  absl::Time now = clock_->Now();
  std::string phone_hash = to.phone.empty() ? "" : vault_.LookupHash(to.phone);
  std::string owner = to.subject.empty() ? PhoneOwner(phone_hash) : SubjectOwner(to.subject);
  // Choices belong to the resident: by subject, or by whoever verified the phone.
  std::string subject = to.subject;
  if (subject.empty()) {
    auto found = tx.SubjectForPhone(phone_hash);
    if (!found.ok()) return found.status();
    subject = found->value_or("");
  }
  std::string stored;
  if (!subject.empty()) {
    auto s = tx.Settings(subject);
    if (!s.ok()) return s.status();
    stored = *std::move(s);
  }
  Preferences::Resolved prefs = preferences_.Resolve(stored);
  Preferences::Choice choice = prefs.kinds[t.kind];
  if (choice.zalo && !subject.empty()) {
    // A resident who answered the privacy notice gets Zalo messages only if they granted them.
    auto consent = tx.ZaloConsent(subject);
    if (!consent.ok()) return consent.status();
    if (consent->has_value() && !**consent) choice.zalo = false;
  }

  if (choice.in_app) {
    InboxEntry e{0, crypto::NewUlid(now), owner, event.id, event.type, t.kind, text.title, text.body, text.link, now,
                 std::nullopt};
    if (auto s = tx.AddInbox(e); !s.ok()) return s;
    ++counts->inbox;
  }
  if (!choice.zalo || t.zns_template_id.empty()) return absl::OkStatus();
  if (stale_for_zalo) {
    ++counts->stale;
    return absl::OkStatus();
  }
  std::string phone_sealed;
  if (!to.phone.empty()) {
    auto sealed = vault_.Seal(to.phone, kPhoneContext);
    if (!sealed.ok()) return sealed.status();
    phone_sealed = *std::move(sealed);
  } else if (!subject.empty()) {
    auto contact = tx.ContactOf(subject);
    if (!contact.ok()) return contact.status();
    if (*contact) phone_sealed = (*contact)->phone_sealed;
  }
  if (phone_sealed.empty()) return absl::OkStatus();  // no verified phone: the inbox is all we can do
  const Kind* kind = templates_.FindKind(t.kind);
  Delivery d;
  d.event_id = event.id;
  d.type = event.type;
  d.owner = owner;
  d.phone_sealed = std::move(phone_sealed);
  d.template_id = t.zns_template_id;
  d.template_data = text.zns_data.dump();
  d.next_attempt_at = EarliestSend(prefs.quiet, kind != nullptr && kind->urgent, now);
  if (t.zns_expires_after) {
    auto occurred = ParseRfc3339(event.occurred_at);
    d.expires_at = (occurred.ok() ? *occurred : now) + *t.zns_expires_after;
  }
  if (auto s = tx.AddDelivery(d); !s.ok()) return s;
  ++counts->zalo;
  return absl::OkStatus();
}

absl::Status EventIntake::TakeConsent(NotifyStore::Tx& tx, const nlohmann::json& payload, IntakeCounts* counts) const {
  std::string subject = JsonText(payload, "subject");
  auto at = ParseRfc3339(JsonText(payload, "at"));
  if (subject.empty() || !at.ok() || !payload.contains("granted") || !payload["granted"].is_array()) {
    ++counts->ignored;
    return absl::OkStatus();
  }
  bool granted = false;
  for (const auto& purpose : payload["granted"]) granted = granted || purpose == kZaloMessagesPurpose;
  if (auto s = tx.PutZaloConsent(subject, granted, *at); !s.ok()) return s;
  ++counts->consents;
  if (granted) return absl::OkStatus();
  // Withdrawn: nothing queued for them goes out, by their account or by the phone they verified.
  Owners owners = {SubjectOwner(subject)};
  auto contact = tx.ContactOf(subject);
  if (!contact.ok()) return contact.status();
  if (*contact) owners.push_back(PhoneOwner((*contact)->phone_hash));
  auto skipped = tx.SkipPendingOf(owners, "consent to Zalo messages withdrawn", clock_->Now());
  if (!skipped.ok()) return skipped.status();
  counts->withdrawn += static_cast<int>(*skipped);
  return absl::OkStatus();
}

absl::StatusOr<IntakeCounts> EventIntake::Accept(const std::vector<StreamEvent>& events) {
  IntakeCounts counts;
  if (events.empty()) return counts;
  auto status = store_.Write([&](NotifyStore::Tx& tx) -> absl::Status {
    counts = IntakeCounts{};
    absl::Time now = clock_->Now();
    for (const StreamEvent& event : events) {
      if (event.id.empty()) {
        ++counts.ignored;
        continue;
      }
      auto fresh = tx.MarkProcessed(event.id, now);
      if (!fresh.ok()) return fresh.status();
      if (!*fresh) {
        ++counts.repeated;
        continue;
      }
      ++counts.accepted;
      nlohmann::json payload = nlohmann::json::parse(event.payload, nullptr, false);
      if (event.type == kConsentChangedEvent && payload.is_object()) {
        if (auto s = TakeConsent(tx, payload, &counts); !s.ok()) return s;
        continue;
      }
      const EventTemplate* t = templates_.Find(event.type);
      if (t == nullptr || !payload.is_object()) {
        ++counts.ignored;
        continue;
      }
      Rendered text = Templates::Render(*t, payload);
      bool stale_for_zalo = t->zns_stale_after && HappenedAt(payload, event) + *t->zns_stale_after < now;
      for (const Recipient& to : Recipients(payload)) {
        if (auto s = Deliver(tx, event, *t, text, to, stale_for_zalo, &counts); !s.ok()) return s;
      }
    }
    // Redeliveries are older than what was processed: the checkpoint only moves on.
    std::string newest = outbox::NewestStreamId(events);
    auto previous = tx.Value(kCheckpointKey);
    if (!previous.ok()) return previous.status();
    if (!previous->empty() && !outbox::StreamIdBefore(*previous, newest)) return absl::OkStatus();
    return tx.PutValue(kCheckpointKey, newest);
  });
  if (!status.ok()) return status;
  return counts;
}

namespace {

metrics::CounterFamily& IntakeOutcomes() {
  static auto& family = metrics::Registry::Default().Counter(
      "laso_notify_events_total", "Events read from the stream, by outcome", {"outcome"});
  return family;
}

}  // namespace

absl::Status IntakeSink::Accept(const std::vector<StreamEvent>& events) {
  if (requests_ != nullptr) {
    if (auto s = requests_->Handle(events); !s.ok()) return s;
  }
  auto counts = intake_.Accept(events);
  if (!counts.ok()) return counts.status();
  IntakeOutcomes().Inc({"accepted"}, counts->accepted);
  IntakeOutcomes().Inc({"repeated"}, counts->repeated);
  IntakeOutcomes().Inc({"ignored"}, counts->ignored);
  IntakeOutcomes().Inc({"zalo_stale"}, counts->stale);
  IntakeOutcomes().Inc({"consent"}, counts->consents);
  IntakeOutcomes().Inc({"zalo_withdrawn"}, counts->withdrawn);
  return absl::OkStatus();
}

}  // namespace laso::notify
