#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "tools/laso/service_client.h"

namespace laso::cli {

// `laso import feedback-catalog FILE.json`: agencies, wards and categories
// (an ImportCatalogRequest in proto3 JSON), loaded as an administrator.
absl::Status ImportFeedbackCatalog(const ServiceClient& client, const std::string& path);

// `laso demo feedback`: the demo catalogue, then reports dated today in every
// state (received, assigned, in progress, answered and rated, reopened,
// duplicate, rejected), filed as the 1022 operators would take them by phone
// and handled as the agencies would. Running it again the same day adds
// nothing (idempotency keys). Returns a line to print.
absl::StatusOr<std::string> DemoFeedback(const ServiceClient& client, const std::string& catalog_path);

}  // namespace laso::cli
