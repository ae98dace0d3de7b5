#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/cache/local_cache.h"
#include "common/crypto/pii_vault.h"
#include "common/redis/client.h"
#include "common/time/clock.h"

namespace laso::dossier {

struct LookupGuardOptions {
  int64_t max_failures = 10;  // <= 0: no limit
  absl::Duration window = absl::Hours(1);
  // How long a count read from Redis is trusted here. Failures recorded by this
  // process count at once; those recorded by other replicas show within this.
  absl::Duration refresh = absl::Seconds(1);
};

// Stops guessing a dossier's verifier: after `max_failures` wrong verifiers (or
// lookups of a code that does not exist, which must look the same) within
// `window`, anonymous lookups of that code are refused until the window ends.
// The gateway limits per client IP; this limits per code, across all IPs and
// replicas, with counts in Redis under hashed codes. Without Redis, anonymous
// lookups are refused (fail closed) once the last count read is older than
// `refresh`.
class LookupGuard {
 public:
  LookupGuard(redis::Client& redis, const crypto::PiiVault& vault, LookupGuardOptions options,
              const Clock* clock = RealClock::Get());

  absl::Status Check(const std::string& code);
  void RecordFailure(const std::string& code);

 private:
  std::string Key(const std::string& code) const;
  redis::Client& redis_;
  const crypto::PiiVault& vault_;
  const LookupGuardOptions options_;
  cache::LocalCache<int64_t> counts_;  // code -> failures, as last known
};

}  // namespace laso::dossier
