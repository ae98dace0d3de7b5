#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "common/sqlite/connection.h"

// Numbered schema migrations, applied at start. Each component of a database
// (a service's own tables, the outbox) keeps its own version number in
// schema_migrations, so shared libraries can bring their tables along.
namespace laso::sqlite {

struct Migration {
  int version;  // 1, 2, 3 ... in order, never reused
  std::string description;
  std::string sql;
};

// Applies, each in its own transaction, the migrations newer than the
// component's recorded version. Running it again, or from two processes at
// once, applies nothing twice.
absl::Status Migrate(Connection& conn, absl::string_view component, absl::Span<const Migration> migrations);

// The component's schema version; 0 before any migration.
absl::StatusOr<int> SchemaVersion(Connection& conn, absl::string_view component);

}  // namespace laso::sqlite
