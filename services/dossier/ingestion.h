#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/crypto/pii_vault.h"
#include "common/time/clock.h"
#include "services/dossier/applicant.h"
#include "services/dossier/dossier_store.h"
#include "services/dossier/timeline.h"

namespace laso::dossier {

struct IngestCounts {
  int dossiers_accepted = 0;
  int events_accepted = 0;
  int events_duplicate = 0;
  std::vector<v1::Rejection> rejected;
  std::vector<std::string> changed_codes;  // to invalidate in the cache after commit
};

// How the one-stop system's records and events become laso's history.
//
// Idempotent by event id: an event seen before changes nothing. Out-of-order
// tolerant: history is ordered by event time and the current status is the
// latest event's. An event later than the current one must be an allowed
// transition from it (FAILED_PRECONDITION otherwise); an earlier one is
// history arriving late and is taken as it is. Every status change that
// becomes the current status writes a dossier.status_changed outbox event in
// the same transaction, addressed to the applicant by their phone, sealed for
// the notify service.
class Ingestor {
 public:
  Ingestor(const Timeline& timeline, const ApplicantKeys& applicants, const crypto::PiiVault& events_vault,
           const Clock* clock)
      : timeline_(timeline), applicants_(applicants), events_vault_(events_vault), clock_(clock) {}

  // One record of a batch: a bad record or event is reported in `counts` and
  // skipped; the rest of the record and the batch go ahead.
  absl::Status MergeRecord(DossierStore::Tx& tx, const v1::DossierRecord& record, IngestCounts* counts) const;

  // New events of an existing dossier: any rejected event fails the call.
  absl::StatusOr<StoredDossier> AddEvents(DossierStore::Tx& tx, const std::string& code,
                                          const std::vector<v1::DossierEvent>& events, IngestCounts* counts) const;

 private:
  absl::Status ValidateEvent(const v1::DossierEvent& event, absl::string_view field) const;
  // Inserts events into the stored history, checking each; with
  // all_or_nothing the first rejection is returned as the error.
  absl::Status ApplyEvents(DossierStore::Tx& tx, StoredDossier& stored, const std::vector<v1::DossierEvent>& events,
                           bool all_or_nothing, IngestCounts* counts, std::vector<v1::DossierEvent>* changes) const;
  absl::Status EmitChanges(DossierStore::Tx& tx, const StoredDossier& stored, const DossierState& state,
                           const std::vector<v1::DossierEvent>& changes, const std::string& phone) const;

  const Timeline& timeline_;
  const ApplicantKeys& applicants_;
  const crypto::PiiVault& events_vault_;
  const Clock* clock_;
};

}  // namespace laso::dossier
