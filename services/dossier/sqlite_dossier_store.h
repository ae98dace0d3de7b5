#pragma once

#include <memory>

#include "common/sqlite/pool.h"
#include "services/dossier/dossier_store.h"

namespace laso::dossier {

class SqliteDossierStore : public DossierStore {
 public:
  // Applies the dossier and outbox migrations.
  static absl::StatusOr<std::unique_ptr<SqliteDossierStore>> Open(sqlite::Pool& pool);

  absl::Status Write(const std::function<absl::Status(Tx&)>& work) override;
  absl::StatusOr<std::optional<StoredDossier>> Load(const std::string& code) override;
  absl::StatusOr<std::vector<StoredDossier>> ListByPhoneHash(const std::string& phone_hash,
                                                             const std::optional<ListCursor>& after,
                                                             int limit) override;
  absl::StatusOr<StatsTotals> Stats(const StatsQuery& query) override;

 private:
  explicit SqliteDossierStore(sqlite::Pool& pool) : pool_(pool) {}
  sqlite::Pool& pool_;
};

}  // namespace laso::dossier
