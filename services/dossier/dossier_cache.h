#pragma once

#include <deque>
#include <memory>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/cache/local_cache.h"
#include "common/redis/client.h"
#include "services/dossier/dossier_store.h"

namespace laso::dossier {

struct DossierCacheOptions {
  absl::Duration redis_ttl = absl::Minutes(10);
  size_t local_entries = 10000;              // 0: no in-process tier
  absl::Duration local_ttl = absl::Seconds(5);
};

// Cache-aside for lookups by code, in two tiers: a small in-process LRU in
// front of Redis. Holds no personal data (the stored form has only keyed
// hashes). Redis being down is a miss, never an error.
//
// Every write invalidates both tiers after it commits, and again a second
// later: a reader that missed and is still putting back what it read before
// the write cannot leave a stale entry behind for longer than that. The
// in-process tier refuses what a reader read before an invalidation (see
// cache::LocalCache), and its short TTL bounds what another replica's write
// could leave stale here.
class DossierCache {
 public:
  DossierCache(redis::Client& redis, DossierCacheOptions options);
  ~DossierCache();

  using Entry = std::shared_ptr<const StoredDossier>;

  Entry Get(const std::string& code);
  // Take before reading the store; pass to Put with what was read.
  uint64_t Ticket() { return local_.Ticket(); }
  void Put(Entry dossier, uint64_t ticket);
  void Invalidate(const std::string& code);

 private:
  void Loop();
  static std::string Key(const std::string& code) { return "laso:dossier:" + code; }

  redis::Client& redis_;
  const DossierCacheOptions options_;
  cache::LocalCache<StoredDossier> local_;
  absl::Mutex mu_;
  std::deque<std::pair<absl::Time, std::string>> pending_ ABSL_GUARDED_BY(mu_);  // when, code
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace laso::dossier
