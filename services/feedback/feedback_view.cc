#include "services/feedback/feedback_view.h"

#include "common/text/name_mask.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/feedback/deadlines.h"
#include "services/feedback/workflow.h"

namespace laso::feedback {
namespace {


std::string Unsealed(const crypto::PiiVault& vault, const std::string& sealed, absl::string_view context) {
  if (sealed.empty()) return "";
  auto plain = vault.Unseal(sealed, context);
  return plain.ok() ? *plain : "";
}

}  // namespace

v1::Feedback ViewOf(const StoredFeedback& stored, Audience audience, const crypto::PiiVault& vault, absl::Time now) {
  v1::Feedback view = stored.item();
  view.set_status_label(StatusLabel(view.status()));
  view.set_overdue(AnswerOverdue(view, now));
  view.set_ack_overdue(AckOverdue(view, now));
  view.set_mine(audience == Audience::kReporter);
  // The public sees a masked name unless the reporter chose to publish it for
  // this report, none if anonymous; staff see name and phone masked until they
  // reveal them (RevealReporter, recorded in the audit log).
  std::string name = audience != Audience::kPublic || !view.anonymous()
                         ? Unsealed(vault, stored.reporter_name_sealed(), "feedback.reporter_name")
                         : "";
  std::string phone = audience != Audience::kPublic
                          ? Unsealed(vault, stored.reporter_phone_sealed(), "feedback.reporter_phone")
                          : "";
  bool in_full = audience == Audience::kReporter || (audience == Audience::kPublic && view.publish_name());
  if (!name.empty()) view.mutable_reporter()->set_name(in_full ? name : text::MaskName(name));
  if (!phone.empty()) view.mutable_reporter()->set_phone(audience == Audience::kReporter ? phone : text::MaskPhone(phone));
  if (audience == Audience::kStaff && !(name.empty() && phone.empty())) view.mutable_reporter()->set_contact_hidden(true);
  if (audience != Audience::kStaff) {
    view.clear_held();
    // The public and the reporter see which agency acted, never which officer.
    view.clear_assignee();
    view.clear_assignee_name();
    for (auto& u : *view.mutable_updates()) {
      u.clear_actor();
      u.clear_actor_name();
    }
  }
  if (audience == Audience::kPublic) {
    view.clear_dossier_code();  // the applicant's business, as their dossier is
    // Private notes stay between staff and the reporter.
    google::protobuf::RepeatedPtrField<v1::Update> shown;
    for (const auto& u : view.updates()) {
      if (u.public_()) *shown.Add() = u;
    }
    view.mutable_updates()->Swap(&shown);
  }
  return view;
}

}  // namespace laso::feedback
