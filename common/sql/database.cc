#include "common/sql/database.h"

namespace laso::sql {

absl::string_view EngineName(Engine engine) { return engine == Engine::kSqlite ? "sqlite" : "postgresql"; }

}  // namespace laso::sql
