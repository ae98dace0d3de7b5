#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "services/dossier/dossier_cache.h"
#include "services/dossier/lookup_guard.h"

// The dossier service's configuration keys (dossier.*) and the options it
// runs with, read and checked in one place: errors name the key.
namespace laso::dossier {

void AddConfigKeys(config::Schema& s);

struct DossierConfig {
  absl::Duration due_time_of_day;  // a dossier is due at this time on its due date
  DossierCacheOptions cache;
  LookupGuardOptions lookup_guard;
};

absl::StatusOr<DossierConfig> DossierConfigFrom(const config::Config& c);

}  // namespace laso::dossier
