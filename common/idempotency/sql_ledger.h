#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/idempotency/retried_write.h"
#include "common/sql/database.h"

// The ledger as a table of the service's own database, on either engine.
namespace laso::idempotency {

class SqlLedger : public Ledger {
 public:
  explicit SqlLedger(sql::Session& session) : session_(session) {}
  absl::StatusOr<std::optional<Entry>> Find(absl::string_view subject, absl::string_view key) override;
  absl::Status Remember(absl::string_view subject, absl::string_view key, const Entry& entry,
                        absl::Time at) override;
  absl::StatusOr<int64_t> Forget(absl::string_view subject) override;

 private:
  sql::Session& session_;
};

// Creates the table (component "idempotency" in the schema history); every
// store that takes retried writes calls it when it opens.
absl::Status MigrateLedger(sql::Database& db);
// Forgets writes remembered before `before`; returns how many.
absl::StatusOr<int64_t> PruneLedger(sql::Database& db, absl::Time before);

}  // namespace laso::idempotency
