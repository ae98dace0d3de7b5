#include "services/notify/notifications.h"

#include <nlohmann/json.hpp>

#include "common/phone/phone.h"
#include "common/status/page_token.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/notify/event_intake.h"

namespace laso::notify {
namespace {

constexpr int kDefaultPage = 20;
constexpr int kMaxPage = 100;


v1::Notification ToProto(const InboxEntry& e) {
  v1::Notification n;
  n.set_id(e.id);
  n.set_event_id(e.event_id);
  n.set_kind(e.kind);
  n.set_type(e.type);
  n.set_title(e.title);
  n.set_body(e.body);
  n.set_link(e.link);
  SetTimestamp(e.created_at, n.mutable_created_at());
  if (e.read_at) SetTimestamp(*e.read_at, n.mutable_read_at());
  return n;
}

absl::Status RequireSubject(const common::v1::Caller& caller) {
  if (caller.subject().empty()) return absl::UnauthenticatedError("Vui lòng đăng nhập.");
  return absl::OkStatus();
}

}  // namespace

Notifications::Reader Notifications::ReaderOf(const common::v1::Caller& caller) const {
  Reader r;
  r.owners = {SubjectOwner(caller.subject())};
  if (auto phone = phone::Normalize(caller.phone()); !caller.phone().empty() && phone.ok()) {
    r.phone = *phone;
    r.phone_hash = vault_.LookupHash(r.phone);
    r.owners.push_back(PhoneOwner(r.phone_hash));
  }
  return r;
}

absl::StatusOr<bool> Notifications::Remember(const common::v1::Caller& caller, const Reader& reader) {
  auto known = store_.ContactOf(caller.subject());
  if (!known.ok()) return known.status();
  if (reader.phone.empty()) return known->has_value();
  if (*known && (*known)->phone_hash == reader.phone_hash) return true;  // nothing new: no write
  auto sealed = vault_.Seal(reader.phone, kPhoneContext);
  if (!sealed.ok()) return sealed.status();
  auto s = store_.Write([&](NotifyStore::Tx& tx) {
    return tx.PutContact(Contact{caller.subject(), reader.phone_hash, *sealed}, clock_->Now());
  });
  if (!s.ok()) return s;
  return true;
}

absl::StatusOr<v1::ListNotificationsResponse> Notifications::List(const common::v1::Caller& caller,
                                                                  const v1::ListNotificationsRequest& req) {
  if (auto s = RequireSubject(caller); !s.ok()) return s;
  auto size = PageSize(req.page_size(), kDefaultPage, kMaxPage);
  if (!size.ok()) return size.status();
  auto before = DecodePageToken(req.page_token());
  if (!before.ok()) return before.status();
  Reader reader = ReaderOf(caller);
  if (auto remembered = Remember(caller, reader); !remembered.ok()) return remembered.status();
  const Owners& owners = reader.owners;
  auto entries = store_.Inbox(owners, *before, *size + 1, req.unread_only());
  if (!entries.ok()) return entries.status();
  auto unread = store_.UnreadCount(owners);
  if (!unread.ok()) return unread.status();
  v1::ListNotificationsResponse out;
  for (size_t i = 0; i < entries->size() && static_cast<int>(i) < *size; ++i) {
    *out.add_notifications() = ToProto((*entries)[i]);
  }
  if (static_cast<int>(entries->size()) > *size) out.set_next_page_token(EncodePageToken((*entries)[*size - 1].seq));
  out.set_unread_count(*unread);
  return out;
}

absl::StatusOr<v1::Notification> Notifications::MarkRead(const common::v1::Caller& caller,
                                                         const v1::MarkReadRequest& req) {
  if (auto s = RequireSubject(caller); !s.ok()) return s;
  if (req.id().empty() || req.id().size() > 64) return InvalidField("id", "Mã thông báo không hợp lệ.");
  std::optional<InboxEntry> entry;
  auto s = store_.Write([&](NotifyStore::Tx& tx) -> absl::Status {
    auto marked = tx.MarkRead(req.id(), ReaderOf(caller).owners, clock_->Now());
    if (!marked.ok()) return marked.status();
    entry = *std::move(marked);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  // Someone else's notification reads as missing: ids are not confirmed to strangers.
  if (!entry) return absl::NotFoundError("Không tìm thấy thông báo.");
  return ToProto(*entry);
}

absl::StatusOr<v1::MarkAllReadResponse> Notifications::MarkAllRead(const common::v1::Caller& caller) {
  if (auto s = RequireSubject(caller); !s.ok()) return s;
  v1::MarkAllReadResponse out;
  auto s = store_.Write([&](NotifyStore::Tx& tx) -> absl::Status {
    auto n = tx.MarkAllRead(ReaderOf(caller).owners, clock_->Now());
    if (!n.ok()) return n.status();
    out.set_marked(*n);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<v1::NotificationSettings> Notifications::GetSettings(const common::v1::Caller& caller) {
  if (auto s = RequireSubject(caller); !s.ok()) return s;
  auto reachable = Remember(caller, ReaderOf(caller));
  if (!reachable.ok()) return reachable.status();
  auto stored = store_.Settings(caller.subject());
  if (!stored.ok()) return stored.status();
  return preferences_.View(*stored, *reachable);
}

absl::StatusOr<v1::NotificationSettings> Notifications::UpdateSettings(const common::v1::Caller& caller,
                                                                       const v1::NotificationSettings& update) {
  if (auto s = RequireSubject(caller); !s.ok()) return s;
  auto reachable = Remember(caller, ReaderOf(caller));
  if (!reachable.ok()) return reachable.status();
  std::string saved;
  auto s = store_.Write([&](NotifyStore::Tx& tx) -> absl::Status {
    auto stored = tx.Settings(caller.subject());
    if (!stored.ok()) return stored.status();
    auto merged = preferences_.Merge(*stored, update, clock_->Now());
    if (!merged.ok()) return merged.status();
    saved = *std::move(merged);
    return tx.PutSettings(caller.subject(), saved);
  });
  if (!s.ok()) return s;
  return preferences_.View(saved, *reachable);
}

absl::StatusOr<v1::DeliveryStats> Notifications::Stats() {
  auto counts = store_.Counts();
  if (!counts.ok()) return counts.status();
  v1::DeliveryStats out;
  out.set_events_processed(counts->processed);
  out.set_inbox_entries(counts->inbox);
  out.set_zns_sent(counts->sent);
  out.set_zns_pending(counts->pending);
  out.set_zns_dead(counts->dead);
  if (sender_ != nullptr) {
    if (auto paused = sender_->PausedUntil()) SetTimestamp(*paused, out.mutable_zns_paused_until());
  }
  if (token_ != nullptr) {
    if (auto expires = token_->ExpiresAt()) SetTimestamp(*expires, out.mutable_oa_token_expires_at());
  }
  auto last = store_.Value(EventIntake::kCheckpointKey);
  if (last.ok()) out.set_last_event_id(*last);
  return out;
}

absl::StatusOr<v1::ListDeadLettersResponse> Notifications::DeadLetters(const v1::ListDeadLettersRequest& req) {
  auto size = PageSize(req.page_size(), kDefaultPage, kMaxPage);
  if (!size.ok()) return size.status();
  auto before = DecodePageToken(req.page_token());
  if (!before.ok()) return before.status();
  auto rows = store_.DeadLetters(*before, *size + 1);
  if (!rows.ok()) return rows.status();
  v1::ListDeadLettersResponse out;
  for (size_t i = 0; i < rows->size() && static_cast<int>(i) < *size; ++i) {
    const DeadLetterRow& row = (*rows)[i];
    nlohmann::json p = nlohmann::json::parse(row.payload, nullptr, false);
    if (!p.is_object()) continue;
    v1::DeadLetter* d = out.add_dead_letters();
    d->set_event_id(p.value("eventId", ""));
    d->set_type(p.value("type", ""));
    d->set_channel(p.value("channel", ""));
    d->set_reason(p.value("reason", ""));
    d->set_attempts(p.value("attempts", 0));
    if (auto t = ParseRfc3339(row.occurred_at); t.ok()) SetTimestamp(*t, d->mutable_failed_at());
  }
  if (static_cast<int>(rows->size()) > *size) out.set_next_page_token(EncodePageToken((*rows)[*size - 1].seq));
  return out;
}

absl::StatusOr<nlohmann::json> Notifications::Export(const personal::Person& person) {
  const common::v1::Caller as_them = personal::AsResident(person);
  const Reader reader = ReaderOf(as_them);
  nlohmann::json inbox = nlohmann::json::array();
  int64_t before = 0;
  while (true) {
    auto entries = store_.Inbox(reader.owners, before, kMaxPage, /*unread_only=*/false);
    if (!entries.ok()) return entries.status();
    for (const InboxEntry& e : *entries) inbox.push_back(personal::JsonOf(ToProto(e)));
    if (entries->size() < static_cast<size_t>(kMaxPage)) break;
    before = entries->back().seq;
  }
  auto known = store_.ContactOf(person.subject);
  if (!known.ok()) return known.status();
  auto stored = store_.Settings(person.subject);
  if (!stored.ok()) return stored.status();
  return nlohmann::json{{"inbox", inbox},
                        {"settings", personal::JsonOf(preferences_.View(*stored, known->has_value()))},
                        {"zaloPhoneKept", known->has_value()}};
}

absl::StatusOr<nlohmann::json> Notifications::Erase(const personal::Person& person) {
  const Reader reader = ReaderOf(personal::AsResident(person));
  int64_t deleted = 0;
  auto s = store_.Write([&](NotifyStore::Tx& tx) -> absl::Status {
    auto n = tx.ForgetRecipient(reader.owners, person.subject);
    if (!n.ok()) return n.status();
    deleted = *n;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return nlohmann::json{{"rowsDeleted", deleted}};
}

}  // namespace laso::notify
