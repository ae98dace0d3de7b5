#pragma once

#include <string>

#include "absl/status/status.h"
#include "services/billing/billing_store.h"

namespace laso::billing {

// Upserts the providers of a JSON file ({"providers": [Provider, ...]}, proto3
// JSON) after validating their tariffs. An empty path does nothing.
absl::Status LoadProviderFile(const std::string& path, BillingStore& store);

}  // namespace laso::billing
