#pragma once

#include <deque>
#include <optional>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/redis/client.h"
#include "services/dossier/dossier_store.h"

namespace laso::dossier {

// Cache-aside in Redis for lookups by code. Holds no personal data (the stored
// form has only keyed hashes). Redis being down is a miss, never an error.
// Every write invalidates after it commits, and again a second later: a reader
// that missed the cache and is still putting back what it read before the
// write cannot leave a stale entry behind for longer than that.
class DossierCache {
 public:
  DossierCache(redis::Client& redis, absl::Duration ttl);
  ~DossierCache();

  std::optional<StoredDossier> Get(const std::string& code);
  void Put(const StoredDossier& dossier);
  void Invalidate(const std::string& code);

 private:
  void Loop();
  static std::string Key(const std::string& code) { return "laso:dossier:" + code; }

  redis::Client& redis_;
  absl::Duration ttl_;
  absl::Mutex mu_;
  std::deque<std::pair<absl::Time, std::string>> pending_ ABSL_GUARDED_BY(mu_);  // when, code
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace laso::dossier
