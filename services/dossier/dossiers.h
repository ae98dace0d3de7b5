#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "common/time/clock.h"
#include "services/dossier/applicant.h"
#include "services/dossier/dossier_cache.h"
#include "services/dossier/dossier_store.h"
#include "services/dossier/ingestion.h"
#include "services/dossier/lookup_guard.h"
#include "services/dossier/timeline.h"

namespace laso::dossier {

// The dossier service's behaviour, independent of gRPC: who may read what,
// ingestion from the one-stop system, statistics.
class Dossiers {
 public:
  Dossiers(DossierStore& store, DossierCache* cache, LookupGuard* guard, const Timeline& timeline,
           const ApplicantKeys& applicants, const Ingestor& ingestor, const Clock* clock)
      : store_(store), cache_(cache), guard_(guard), timeline_(timeline), applicants_(applicants),
        ingestor_(ingestor), clock_(clock) {}

  absl::StatusOr<v1::Dossier> Get(const rpc::Caller& caller, const v1::GetDossierRequest& request);
  absl::StatusOr<v1::ListMyDossiersResponse> ListMine(const rpc::Caller& caller,
                                                      const v1::ListMyDossiersRequest& request);
  absl::StatusOr<v1::SyncDossiersResponse> Sync(const rpc::Caller& caller, const v1::SyncDossiersRequest& request);
  absl::StatusOr<v1::AddDossierEventsResponse> AddEvents(const rpc::Caller& caller,
                                                         const v1::AddDossierEventsRequest& request);
  absl::StatusOr<v1::DossierStats> Stats(const v1::GetDossierStatsRequest& request);

  static constexpr int kMaxSyncBatch = 1000;

 private:
  absl::StatusOr<DossierCache::Entry> Find(const std::string& code);  // null: no such dossier
  v1::Dossier View(const StoredDossier& stored) const;
  bool MayReadWithoutVerifier(const rpc::Caller& caller, const StoredDossier& stored) const;
  absl::Status CheckVerifier(const std::string& code, const std::string& verifier,
                             const StoredDossier* stored);
  void Invalidate(const IngestCounts& counts);

  DossierStore& store_;
  DossierCache* cache_;  // null: no cache
  LookupGuard* guard_;   // null: no per-code limit
  const Timeline& timeline_;
  const ApplicantKeys& applicants_;
  const Ingestor& ingestor_;
  const Clock* clock_;
};

}  // namespace laso::dossier
