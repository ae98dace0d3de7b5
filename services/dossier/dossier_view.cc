#include "services/dossier/dossier_view.h"

#include "services/dossier/status_rules.h"

namespace laso::dossier {
namespace {

// Sets a timestamp field only when there is a time: `mutable_field` is called
// (which makes the field present) only then, so an absent time stays absent.
template <typename MutableField>
void SetIf(const std::optional<absl::Time>& t, MutableField mutable_field) {
  if (t) SetTimestamp(*t, mutable_field());
}

}  // namespace

v1::Dossier BuildView(const StoredDossier& stored, const DossierState& st, const Standing& standing) {
  const v1::DossierRecord& r = stored.record();
  v1::Dossier d;
  d.set_code(r.code());
  *d.mutable_procedure() = r.procedure();
  *d.mutable_receiving_agency() = r.receiving_agency();
  *d.mutable_handling_agency() = r.handling_agency();
  d.set_channel(r.channel());
  d.set_status(st.status);
  d.set_status_code(static_cast<int32_t>(st.status));
  d.set_status_label(StatusLabel(st.status));
  SetIf(st.received_at, [&] { return d.mutable_received_at(); });
  SetIf(st.due_at, [&] { return d.mutable_due_at(); });
  SetIf(st.original_due_at, [&] { return d.mutable_original_due_at(); });
  SetIf(st.processed_at, [&] { return d.mutable_processed_at(); });
  SetIf(st.returned_at, [&] { return d.mutable_returned_at(); });
  d.set_timeliness(standing.timeliness);
  d.set_timeliness_label(TimelinessLabel(standing.timeliness));
  d.set_working_days_left(standing.working_days_left);
  d.set_working_days_taken(st.working_days_taken.value_or(0));
  bool paid = true;
  for (const v1::Fee& fee : r.fees()) {
    *d.add_fees() = fee;
    paid = paid && fee.paid();
  }
  d.set_fees_paid(paid);
  for (const v1::DossierEvent& e : r.events()) {
    v1::HistoryEntry* h = d.add_history();
    *h->mutable_time() = e.time();
    h->set_status(e.status());
    h->set_status_label(e.status() == v1::STATUS_UNSPECIFIED ? "Xin lỗi và hẹn lại ngày trả kết quả"
                                                             : StatusLabel(e.status()));
    *h->mutable_agency() = e.agency();
    h->set_note(e.note());
    if (e.has_apology_new_due_at()) *h->mutable_apology_new_due_at() = e.apology_new_due_at();
  }
  return d;
}

}  // namespace laso::dossier
