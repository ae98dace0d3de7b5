#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/outbox.h"
#include "services/dossier/dossier_internal.pb.h"
#include "services/dossier/timeline.h"

namespace laso::dossier {

using internal::StoredDossier;

// The applicant's data as stored: sealed values and lookup hashes.
struct SealedApplicant {
  std::string name, phone, id_number;  // AES-GCM sealed
  std::string phone_hash, id6_hash;
};

struct StatsQuery {
  std::string agency;     // handling agency code, or "" for all
  std::string procedure;  // procedure code, or ""
  absl::Time from, to;    // [from, to)
  absl::Time now;
};

struct StatsTotals {
  int64_t received = 0, processed = 0, on_time = 0, late = 0, returned = 0, currently_overdue = 0;
  double average_processing_working_days = 0;
  std::string agency, agency_name;  // in StatsByAgency rows
};

// A page of one applicant's dossiers, newest first.
struct ListCursor {
  int64_t first_at_us = 0;
  std::string code;
};

// Where dossiers live. SQLite is the embedded default; the interface is small
// so that a PostgreSQL-wire store can replace it when one machine is outgrown.
class DossierStore {
 public:
  virtual ~DossierStore() = default;

  // One transaction: everything a Write does commits together or not at all.
  class Tx {
   public:
    virtual ~Tx() = default;
    virtual absl::StatusOr<std::optional<StoredDossier>> Load(const std::string& code) = 0;
    // Upserts the dossier's record (events aside) and what its history says.
    // `applicant` null keeps the stored one.
    virtual absl::Status Save(const StoredDossier& dossier, const SealedApplicant* applicant,
                              const DossierState& state) = 0;
    // False when the event id was recorded before (nothing changes).
    virtual absl::StatusOr<bool> AddEvent(const std::string& code, const v1::DossierEvent& event) = 0;
    // The applicant's sealed phone, or "" when none is stored.
    virtual absl::StatusOr<std::string> SealedPhone(const std::string& code) = 0;
    virtual absl::Status Emit(const outbox::Event& event) = 0;
  };
  virtual absl::Status Write(const std::function<absl::Status(Tx&)>& work) = 0;

  virtual absl::StatusOr<std::optional<StoredDossier>> Load(const std::string& code) = 0;
  virtual absl::StatusOr<std::vector<StoredDossier>> ListByPhoneHash(const std::string& phone_hash,
                                                                     const std::optional<ListCursor>& after,
                                                                     int limit) = 0;
  virtual absl::StatusOr<StatsTotals> Stats(const StatsQuery& query) = 0;
  // The same per handling agency (by code), leaving out agencies with nothing to count.
  virtual absl::StatusOr<std::vector<StatsTotals>> StatsByAgency(const StatsQuery& query) = 0;
};

}  // namespace laso::dossier
