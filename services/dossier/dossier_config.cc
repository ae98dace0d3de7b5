#include "services/dossier/dossier_config.h"

#include "common/status/macros.h"
#include "common/time/time_of_day.h"

namespace laso::dossier {

void AddConfigKeys(config::Schema& s) {
  s.Endpoint("dossier.listen", "127.0.0.1:7102",
             "Where the dossier service listens (gRPC): host:port, or unix:/path when the gateway runs on the "
             "same machine (less CPU per call)");
  s.String("dossier.database", "dossier.db", "The dossier service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.Duration("dossier.cache_ttl", "10m", "How long a dossier stays in the Redis cache");
  s.Int("dossier.local_cache_entries", 10000, 0, 10000000,
        "Dossiers kept in the service's own memory in front of Redis (0: none)");
  s.Duration("dossier.local_cache_ttl", "5s",
             "How long a dossier stays in the service's own memory (bounds staleness across replicas)");
  s.String("dossier.due_time", "17:00", "Time of day (Vietnam) a dossier is due on its due date");
  s.Rate("dossier.lookup_failures", "10/1h",
         "Wrong verifiers per dossier code before anonymous lookups of that code are refused");
}

absl::StatusOr<DossierConfig> DossierConfigFrom(const config::Config& c) {
  DossierConfig out;
  LASO_ASSIGN_OR_RETURN(out.due_time_of_day, ParseTimeOfDay("dossier.due_time", c.String("dossier.due_time")));
  out.cache = {.redis_ttl = c.Duration("dossier.cache_ttl"),
               .local_entries = static_cast<size_t>(c.Int("dossier.local_cache_entries")),
               .local_ttl = c.Duration("dossier.local_cache_ttl")};
  c.Rate("dossier.lookup_failures", &out.lookup_guard.max_failures, &out.lookup_guard.window);
  return out;
}

}  // namespace laso::dossier
