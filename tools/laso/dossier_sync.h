#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "laso/dossier/v1/dossier.pb.h"
#include "tools/laso/service_client.h"

namespace laso::cli {

struct SyncTotals {
  int64_t dossiers = 0, events = 0, duplicates = 0, rejected = 0;
};

// Sends records to the dossier service in batches of up to 1,000, printing
// the first rejections; transport failures stop with an error.
absl::Status SyncDossiers(const ServiceClient& client, const std::vector<laso::dossier::v1::DossierRecord>& records,
                          SyncTotals* totals);

}  // namespace laso::cli
