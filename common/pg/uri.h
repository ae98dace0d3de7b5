#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace laso::pg {

// "postgresql://..." or "postgres://...": a value of <service>.database that names a server.
bool IsPostgresUri(absl::string_view value);

// The URI without its password (user:secret@ becomes user:***@, and a password= parameter is masked).
std::string RedactUri(absl::string_view uri);

}  // namespace laso::pg
