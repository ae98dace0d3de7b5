#include "services/dossier/ingestion.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/outbox/outbox.h"
#include "common/phone/phone.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/rfc3339.h"
#include "services/dossier/dossier_code.h"
#include "services/dossier/status_rules.h"

namespace laso::dossier {
namespace {

constexpr absl::Time kEarliest = absl::FromUnixSeconds(946684800);  // 2000-01-01: nothing older is real

bool Later(const v1::DossierEvent& a, const v1::DossierEvent& b) { return ToTime(a.time()) > ToTime(b.time()); }

// The latest status event of a history kept in time order, or null.
const v1::DossierEvent* LatestStatus(const google::protobuf::RepeatedPtrField<v1::DossierEvent>& events) {
  for (int i = events.size() - 1; i >= 0; --i) {
    if (events[i].status() != v1::STATUS_UNSPECIFIED) return &events[i];
  }
  return nullptr;
}

v1::Rejection Reject(const std::string& code, const std::string& event_id, const absl::Status& why) {
  v1::Rejection r;
  r.set_code(code);
  r.set_event_id(event_id);
  r.set_reason(std::string(why.message()));
  return r;
}

absl::Status ValidateMeta(const v1::DossierRecord& r, bool is_new) {
  if (is_new && (r.procedure().code().empty() || r.procedure().name().empty())) {
    return InvalidField("procedure", "Hồ sơ mới cần mã và tên thủ tục.");
  }
  if (is_new && (r.handling_agency().code().empty() && r.receiving_agency().code().empty())) {
    return InvalidField("handlingAgency", "Hồ sơ mới cần cơ quan tiếp nhận hoặc giải quyết.");
  }
  struct Text {
    const std::string& value;
    const char* field;
    size_t max;
  };
  for (const Text& t : {Text{r.procedure().code(), "procedure.code", 64}, Text{r.procedure().name(), "procedure.name", 500},
                        Text{r.procedure().field(), "procedure.field", 200},
                        Text{r.receiving_agency().code(), "receivingAgency.code", 64},
                        Text{r.receiving_agency().name(), "receivingAgency.name", 300},
                        Text{r.handling_agency().code(), "handlingAgency.code", 64},
                        Text{r.handling_agency().name(), "handlingAgency.name", 300}}) {
    if (t.value.empty()) continue;
    if (auto s = text::ValidateText(t.field, t.value, 1, t.max); !s.ok()) return s;
  }
  if (r.procedure().processing_days() < 0 || r.procedure().processing_days() > 365) {
    return InvalidField("procedure.processingDays", "Thời hạn giải quyết phải từ 0 đến 365 ngày làm việc.");
  }
  if (!v1::Channel_IsValid(r.channel())) return InvalidField("channel", "Kênh nộp không hợp lệ.");
  if (r.fees_size() > 50) return InvalidField("fees", "Nhiều nhất 50 khoản phí.");
  for (const v1::Fee& fee : r.fees()) {
    if (fee.amount_vnd() < 0 || fee.amount_vnd() > 1'000'000'000'000) {
      return InvalidField("fees.amountVnd", "Số tiền phí không hợp lệ.");
    }
    if (auto s = text::ValidateText("fees.name", fee.name(), 1, 300); !s.ok()) return s;
  }
  if (r.events_size() > 500) return InvalidField("events", "Nhiều nhất 500 sự kiện mỗi hồ sơ.");
  return absl::OkStatus();
}

// Fields the sender left out keep their stored values.
void MergeMeta(const v1::DossierRecord& in, v1::DossierRecord* out) {
  if (!in.procedure().code().empty()) *out->mutable_procedure() = in.procedure();
  if (!in.receiving_agency().code().empty()) *out->mutable_receiving_agency() = in.receiving_agency();
  if (!in.handling_agency().code().empty()) *out->mutable_handling_agency() = in.handling_agency();
  if (out->handling_agency().code().empty()) *out->mutable_handling_agency() = out->receiving_agency();
  if (out->receiving_agency().code().empty()) *out->mutable_receiving_agency() = out->handling_agency();
  if (in.channel() != v1::CHANNEL_UNSPECIFIED) out->set_channel(in.channel());
  if (in.fees_size() > 0) *out->mutable_fees() = in.fees();
}

}  // namespace

absl::Status Ingestor::ValidateEvent(const v1::DossierEvent& e, absl::string_view field) const {
  if (e.event_id().empty() || e.event_id().size() > 128 || !text::IsValidUtf8(e.event_id())) {
    return InvalidField(absl::StrCat(field, ".eventId"), "Mỗi sự kiện cần mã sự kiện (tối đa 128 ký tự).");
  }
  if (!e.has_time()) return InvalidField(absl::StrCat(field, ".time"), "Sự kiện cần thời điểm.");
  absl::Time t = ToTime(e.time());
  if (t < kEarliest || t > clock_->Now() + absl::Hours(24)) {
    return InvalidField(absl::StrCat(field, ".time"), "Thời điểm sự kiện không hợp lý.");
  }
  if (!v1::Status_IsValid(e.status())) return InvalidField(absl::StrCat(field, ".status"), "Trạng thái không hợp lệ.");
  if (e.status() == v1::STATUS_UNSPECIFIED && !e.has_apology_new_due_at()) {
    return InvalidField(absl::StrCat(field, ".status"), "Sự kiện cần trạng thái (hoặc ngày hẹn mới khi xin lỗi).");
  }
  if (e.has_apology_new_due_at() && ToTime(e.apology_new_due_at()) < t) {
    return InvalidField(absl::StrCat(field, ".apologyNewDueAt"), "Ngày hẹn mới phải sau thời điểm xin lỗi.");
  }
  if (auto s = text::ValidateText(absl::StrCat(field, ".note"), e.note(), 0, 2000); !s.ok()) return s;
  if (auto s = text::ValidateText(absl::StrCat(field, ".agency.name"), e.agency().name(), 0, 300); !s.ok()) return s;
  return absl::OkStatus();
}

absl::Status Ingestor::ApplyEvents(DossierStore::Tx& tx, StoredDossier& stored,
                                   const std::vector<v1::DossierEvent>& incoming, bool all_or_nothing,
                                   IngestCounts* counts, std::vector<v1::DossierEvent>* changes) const {
  const std::string& code = stored.record().code();
  std::vector<v1::DossierEvent> sorted = incoming;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const v1::DossierEvent& a, const v1::DossierEvent& b) { return Later(b, a); });
  auto* history = stored.mutable_record()->mutable_events();
  for (size_t i = 0; i < sorted.size(); ++i) {
    v1::DossierEvent e = sorted[i];
    absl::Status problem = ValidateEvent(e, "events");
    bool duplicate = problem.ok() && std::any_of(history->begin(), history->end(), [&](const v1::DossierEvent& h) {
                       return h.event_id() == e.event_id();
                     });
    if (duplicate) {
      ++counts->events_duplicate;
      continue;
    }
    const v1::DossierEvent* latest = LatestStatus(*history);
    bool becomes_current = e.status() != v1::STATUS_UNSPECIFIED && (latest == nullptr || !Later(*latest, e));
    if (problem.ok() && becomes_current && latest != nullptr && !TransitionAllowed(latest->status(), e.status())) {
      problem = WithReason(absl::FailedPreconditionError(absl::StrCat("Không thể chuyển hồ sơ ", code, " từ \"",
                                                                      StatusLabel(latest->status()), "\" sang \"",
                                                                      StatusLabel(e.status()), "\".")),
                           "TRANSITION_NOT_ALLOWED");
    }
    if (!problem.ok()) {
      if (all_or_nothing) return problem;
      counts->rejected.push_back(Reject(code, e.event_id(), problem));
      continue;
    }
    if (e.agency().code().empty()) *e.mutable_agency() = stored.record().handling_agency();
    auto added = tx.AddEvent(code, e);
    if (!added.ok()) return added.status();
    if (!*added) {  // recorded by a concurrent writer between our load and now
      ++counts->events_duplicate;
      continue;
    }
    ++counts->events_accepted;
    // Keep history in time order (ties: arrival order).
    int index = static_cast<int>(
        std::upper_bound(history->begin(), history->end(), e,
                         [](const v1::DossierEvent& a, const v1::DossierEvent& b) { return Later(b, a); }) -
        history->begin());
    history->Add()->CopyFrom(e);  // may reallocate: position by index, not iterator
    std::rotate(history->begin() + index, history->end() - 1, history->end());
    if (becomes_current) changes->push_back(e);
  }
  return absl::OkStatus();
}

absl::Status Ingestor::EmitChanges(DossierStore::Tx& tx, const StoredDossier& stored, const DossierState& state,
                                   const std::vector<v1::DossierEvent>& changes, const std::string& phone) const {
  if (changes.empty()) return absl::OkStatus();
  std::string sealed_phone;
  if (!phone.empty()) {
    auto sealed = events_vault_.Seal(phone, "event.recipient_phone");
    if (!sealed.ok()) return sealed.status();
    absl::Base64Escape(*sealed, &sealed_phone);
  }
  const v1::DossierRecord& r = stored.record();
  for (const v1::DossierEvent& change : changes) {
    nlohmann::json payload = {
        {"code", r.code()},
        {"sourceEventId", change.event_id()},
        {"status", v1::Status_Name(change.status())},
        {"statusCode", static_cast<int>(change.status())},
        {"statusLabel", StatusLabel(change.status())},
        {"time", FormatRfc3339(ToTime(change.time()))},
        {"procedure", r.procedure().name()},
        {"agency", change.agency().name()},
        {"note", change.note()},
        {"recipient", {{"phoneSealed", sealed_phone}}}};
    if (state.due_at) payload["dueAt"] = FormatRfc3339(*state.due_at);
    outbox::Event event = outbox::NewEvent("dossier.status_changed", absl::StrCat("dossier/", r.code()),
                                           payload.dump(), *clock_);
    if (auto s = tx.Emit(event); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Ingestor::MergeRecord(DossierStore::Tx& tx, const v1::DossierRecord& in, IngestCounts* counts) const {
  auto code = NormalizeDossierCode(in.code());
  if (!code.ok()) {
    counts->rejected.push_back(Reject(in.code(), "", code.status()));
    return absl::OkStatus();
  }
  auto existing = tx.Load(*code);
  if (!existing.ok()) return existing.status();
  if (auto s = ValidateMeta(in, !existing->has_value()); !s.ok()) {
    counts->rejected.push_back(Reject(*code, "", s));
    return absl::OkStatus();
  }
  std::optional<SealedApplicant> applicant;
  std::string phone;
  if (!in.applicant().name().empty() || !in.applicant().phone().empty() || !in.applicant().id_number().empty()) {
    auto sealed = applicants_.Seal(*code, in.applicant());
    if (!sealed.ok()) {
      counts->rejected.push_back(Reject(*code, "", sealed.status()));
      return absl::OkStatus();
    }
    applicant = std::move(*sealed);
    if (!in.applicant().phone().empty()) phone = *phone::Normalize(in.applicant().phone());
  }

  StoredDossier stored = existing->value_or(StoredDossier());
  stored.mutable_record()->set_code(*code);
  MergeMeta(in, stored.mutable_record());
  if (applicant) {
    stored.set_phone_hash(applicant->phone_hash);
    stored.set_id6_hash(applicant->id6_hash);
  }
  std::vector<v1::DossierEvent> changes;
  std::vector<v1::DossierEvent> events(in.events().begin(), in.events().end());
  if (auto s = ApplyEvents(tx, stored, events, /*all_or_nothing=*/false, counts, &changes); !s.ok()) return s;

  DossierState state =
      timeline_.Derive(stored.record().events(), stored.record().procedure().processing_days(), clock_->Now());
  if (auto s = tx.Save(stored, applicant ? &*applicant : nullptr, state); !s.ok()) return s;
  if (!changes.empty() && phone.empty() && !applicant) {
    auto sealed = tx.SealedPhone(*code);
    if (!sealed.ok()) return sealed.status();
    if (!sealed->empty()) {
      auto opened = applicants_.UnsealPhone(*code, *sealed);
      if (opened.ok()) phone = *opened;
    }
  }
  if (auto s = EmitChanges(tx, stored, state, changes, phone); !s.ok()) return s;
  ++counts->dossiers_accepted;
  counts->changed_codes.push_back(*code);
  return absl::OkStatus();
}

absl::StatusOr<StoredDossier> Ingestor::AddEvents(DossierStore::Tx& tx, const std::string& code,
                                                  const std::vector<v1::DossierEvent>& events,
                                                  IngestCounts* counts) const {
  if (events.empty()) return InvalidField("events", "Cần ít nhất một sự kiện.");
  if (events.size() > 500) return InvalidField("events", "Nhiều nhất 500 sự kiện mỗi lần.");
  auto existing = tx.Load(code);
  if (!existing.ok()) return existing.status();
  if (!existing->has_value()) return absl::NotFoundError(absl::StrCat("Không có hồ sơ ", code, "."));
  StoredDossier stored = std::move(**existing);
  std::vector<v1::DossierEvent> changes;
  if (auto s = ApplyEvents(tx, stored, events, /*all_or_nothing=*/true, counts, &changes); !s.ok()) return s;
  DossierState state =
      timeline_.Derive(stored.record().events(), stored.record().procedure().processing_days(), clock_->Now());
  if (auto s = tx.Save(stored, nullptr, state); !s.ok()) return s;
  std::string phone;
  if (!changes.empty()) {
    auto sealed = tx.SealedPhone(code);
    if (!sealed.ok()) return sealed.status();
    if (!sealed->empty()) {
      auto opened = applicants_.UnsealPhone(code, *sealed);
      if (opened.ok()) phone = *opened;
    }
  }
  if (auto s = EmitChanges(tx, stored, state, changes, phone); !s.ok()) return s;
  counts->changed_codes.push_back(code);
  return stored;
}

}  // namespace laso::dossier
