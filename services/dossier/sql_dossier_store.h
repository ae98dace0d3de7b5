#pragma once

#include <memory>

#include "common/sql/database.h"
#include "common/time/clock.h"
#include "services/dossier/dossier_store.h"

namespace laso::dossier {

// DossierStore on either engine (SQLite or PostgreSQL).
class SqlDossierStore : public DossierStore {
 public:
  // Applies the dossier and outbox migrations.
  static absl::StatusOr<std::unique_ptr<SqlDossierStore>> Open(sql::Database& db,
                                                               const Clock* clock = RealClock::Get());

  absl::Status Write(const std::function<absl::Status(Tx&)>& work) override;
  absl::StatusOr<std::optional<StoredDossier>> Load(const std::string& code) override;
  absl::StatusOr<std::vector<StoredDossier>> ListByPhoneHash(const std::string& phone_hash,
                                                             const std::optional<ListCursor>& after,
                                                             int limit) override;
  absl::StatusOr<StatsTotals> Stats(const StatsQuery& query) override;
  absl::StatusOr<std::vector<StatsTotals>> StatsByAgency(const StatsQuery& query) override;

 private:
  SqlDossierStore(sql::Database& db, const Clock* clock) : db_(db), clock_(clock) {}
  sql::Database& db_;
  const Clock* clock_;
};

}  // namespace laso::dossier
