#include "services/feedback/report_acts.h"

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/phone/phone.h"
#include "common/status/page_token.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"

namespace laso::feedback {
namespace {

using rpc::Role;

absl::Status NotYourAgency() {
  return WithReason(absl::PermissionDeniedError("Phản ánh này không thuộc cơ quan của bạn."), "NOT_YOUR_AGENCY");
}

bool OfTheAgency(const rpc::Caller& caller, const StoredFeedback& f) {
  return (caller.role() == Role::OFFICER || caller.role() == Role::SUPERVISOR) && !caller.agency().empty() &&
         caller.agency() == f.item().agency_code();
}

}  // namespace

absl::Status ReportNotFound() { return absl::NotFoundError("Không tìm thấy phản ánh."); }

void RouteByRules(absl::Time now, const v1::Agency& agency, v1::Feedback* report) {
  report->set_status(v1::ASSIGNED);
  report->set_agency_code(agency.code());
  report->set_agency_name(agency.name());
  v1::Update* assigned = report->add_updates();
  SetTimestamp(now, assigned->mutable_time());
  assigned->set_actor_role("system");
  assigned->set_action("assign");
  assigned->set_public_(true);
  assigned->set_status(v1::ASSIGNED);
  assigned->set_agency_code(agency.code());
  assigned->set_message(absl::StrCat("Đã chuyển đến ", agency.name(), "."));
}

std::string PhoneHashOf(const crypto::PiiVault& vault, const rpc::Caller& caller) {
  auto phone = phone::Normalize(caller.phone());
  return phone.ok() ? vault.LookupHash(*phone) : "";
}

Audience ReportActs::AudienceOf(const rpc::Caller& caller, const StoredFeedback& stored) const {
  switch (caller.role()) {
    case Role::OPERATOR:
    case Role::ADMIN:
      return Audience::kStaff;
    case Role::OFFICER:
    case Role::SUPERVISOR:
      return OfTheAgency(caller, stored) ? Audience::kStaff : Audience::kPublic;
    case Role::CITIZEN:
    case Role::INTEGRATION: {
      if (!caller.subject().empty() && caller.subject() == stored.filed_by()) return Audience::kReporter;
      std::string hash = PhoneHashOf(ctx_.vault, caller);
      return !hash.empty() && hash == stored.reporter_phone_hash() ? Audience::kReporter : Audience::kPublic;
    }
    default:
      return Audience::kPublic;
  }
}

v1::Feedback ReportActs::View(const rpc::Caller& caller, const StoredFeedback& stored) const {
  return ViewOf(stored, AudienceOf(caller, stored), ctx_.vault, ctx_.clock->Now());
}

v1::ListFeedbackResponse ReportActs::Page(const rpc::Caller& caller, FeedbackPage page) const {
  v1::ListFeedbackResponse out;
  for (const StoredFeedback& f : page.items) *out.add_items() = View(caller, f);
  if (page.next_seq > 0) out.set_next_page_token(EncodePageToken(page.next_seq));
  out.set_total_size(static_cast<int32_t>(page.total));
  for (const auto& [status, count] : page.by_status) {
    v1::StatusCount* counted = out.add_status_counts();
    counted->set_status(static_cast<v1::Status>(status));
    counted->set_label(StatusLabel(static_cast<v1::Status>(status)));
    counted->set_count(static_cast<int32_t>(count));
  }
  return out;
}

absl::Status ReportActs::Emit(FeedbackStore::Tx& tx, const StoredFeedback& stored, const std::string& type) const {
  const v1::Feedback& it = stored.item();
  nlohmann::json payload = {{"id", it.id()},
                            {"status", v1::Status_Name(it.status())},
                            {"statusLabel", StatusLabel(it.status())},
                            {"category", it.category_code()},
                            {"categoryName", it.category_name()},
                            {"agency", it.agency_code()},
                            {"agencyName", it.agency_name()},
                            {"ward", it.ward_code()},
                            {"dueAt", FormatRfc3339(ToTime(it.due_at()))}};
  // A report an operator took by phone, or an integration passed on, names the
  // filer's staff account: the reporter is reached by phone alone.
  nlohmann::json recipient = nlohmann::json::object();
  if (it.updates_size() > 0 && it.updates(0).actor_role() == rpc::RoleName(Role::CITIZEN)) {
    recipient["subject"] = stored.filed_by();
  }
  if (!stored.reporter_phone_sealed().empty()) {
    // The notifier reaches the reporter by phone; it travels sealed, never in clear.
    auto phone = ctx_.vault.Unseal(stored.reporter_phone_sealed(), "feedback.reporter_phone");
    if (!phone.ok()) return phone.status();
    auto sealed = ctx_.events_vault.Seal(*phone, "event.recipient_phone");
    if (!sealed.ok()) return sealed.status();
    recipient["phoneSealed"] = absl::Base64Escape(*sealed);
  }
  payload["recipient"] = recipient;
  if (!it.answer().empty()) payload["answer"] = it.answer();
  return tx.Emit(outbox::NewEvent(type, absl::StrCat("feedback/", it.id()), payload.dump(), *ctx_.clock));
}

absl::Status ReportActs::Audit(FeedbackStore::Tx& tx, const rpc::Caller& caller, const StoredFeedback& stored,
                               const std::string& action, std::vector<std::string> fields,
                               const std::string& reason) const {
  if (!audit::IsAudited(caller)) return absl::OkStatus();
  audit::Entry entry{action, absl::StrCat("feedback/", stored.item().id()), std::move(fields),
                     absl::StartsWith(stored.filed_by(), "zalo:") ? stored.filed_by() : "", reason};
  return tx.Emit(audit::EventOf("feedback", caller, entry, *ctx_.clock));
}

absl::Status ReportActs::MayAct(const rpc::Caller& caller, const StoredFeedback& f, Action action) const {
  Audience audience = AudienceOf(caller, f);
  switch (action) {
    case Action::kSupport:
      if (caller.role() != Role::CITIZEN) return absl::PermissionDeniedError("Chỉ người dân mới ủng hộ phản ánh.");
      return f.item().hidden() && audience != Audience::kReporter ? ReportNotFound() : absl::OkStatus();
    case Action::kRate:
    case Action::kReopen:
      if (audience != Audience::kReporter || caller.role() != Role::CITIZEN) {
        return absl::PermissionDeniedError("Chỉ người gửi phản ánh mới thực hiện được thao tác này.");
      }
      return absl::OkStatus();
    case Action::kAssign:
    case Action::kPrioritize:
      // An agency's supervisor hands its reports to its own officers and ranks them.
      if (caller.role() == Role::SUPERVISOR) return OfTheAgency(caller, f) ? absl::OkStatus() : NotYourAgency();
      return rpc::RequireRole(caller, {Role::OPERATOR, Role::ADMIN});
    case Action::kReject:
    case Action::kRecategorize:
      return rpc::RequireRole(caller, {Role::OPERATOR, Role::ADMIN});
    case Action::kMove:
      // The desk, or the agency whose officer went to the place.
      if (caller.role() == Role::OFFICER || caller.role() == Role::SUPERVISOR) {
        return OfTheAgency(caller, f) ? absl::OkStatus() : NotYourAgency();
      }
      return rpc::RequireRole(caller, {Role::OPERATOR, Role::ADMIN});
    case Action::kAccept:
    case Action::kRespondPublic:
    case Action::kRespondPrivate:
    case Action::kTransfer:
      return OfTheAgency(caller, f) ? absl::OkStatus() : NotYourAgency();
    case Action::kModerate:
      return rpc::RequireRole(caller, {Role::ADMIN});
    case Action::kClose:
      return absl::OkStatus();  // the service's own sweeper
  }
  return absl::PermissionDeniedError("Bạn không có quyền thực hiện thao tác này.");
}

absl::StatusOr<v1::Feedback> ReportActs::Act(const rpc::Caller& caller, const std::string& id, Action action,
                                             Change change, const std::string& event_type, v1::Status reject_as,
                                             const idempotency::RetriedWrite* retried) const {
  if (!IsValidCode(id)) return ReportNotFound();
  absl::Time now = ctx_.clock->Now();
  StoredFeedback result;
  absl::Status written = ctx_.store.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
    auto loaded = tx.Load(id);
    if (!loaded.ok()) return loaded.status();
    if (!*loaded) return ReportNotFound();
    StoredFeedback& f = **loaded;
    if (auto s = MayAct(caller, f, action); !s.ok()) return s;
    if (retried != nullptr) {
      auto replayed = retried->Replay(tx.Idempotency());
      if (!replayed.ok()) return replayed.status();
      if (*replayed) {  // done before: nothing changes, the answer is the report now
        result = std::move(f);
        return absl::OkStatus();
      }
    }
    if (auto s = CheckAction(f.item().status(), action); !s.ok()) return s;
    v1::Update update;
    SetTimestamp(now, update.mutable_time());
    SetActor(caller, &update);
    update.set_public_(true);
    f.mutable_item()->set_status(After(f.item().status(), action, reject_as));
    if (auto s = change(f, tx, update); !s.ok()) return s;
    const std::string acted = update.action();
    if (!acted.empty()) {
      update.set_status(f.item().status());
      *f.mutable_item()->add_updates() = std::move(update);
    }
    SetTimestamp(now, f.mutable_item()->mutable_updated_at());
    if (auto s = tx.Save(f); !s.ok()) return s;
    if (!acted.empty()) {
      if (auto s = Audit(tx, caller, f, absl::StrCat("feedback.", acted)); !s.ok()) return s;
    }
    if (!event_type.empty()) {
      if (auto s = Emit(tx, f, event_type); !s.ok()) return s;
    }
    result = std::move(f);
    return retried == nullptr ? absl::OkStatus() : retried->Remember(tx.Idempotency(), "", now);
  });
  if (!written.ok()) return written;
  return View(caller, result);
}

}  // namespace laso::feedback
