#include "services/dossier/dossier_cache.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace laso::dossier {

namespace {
constexpr absl::Duration kSecondDelete = absl::Seconds(1);
constexpr size_t kMaxPending = 100000;
}  // namespace

DossierCache::DossierCache(redis::Client& redis, DossierCacheOptions options)
    : redis_(redis), options_(options), local_(options.local_entries, options.local_ttl) {
  thread_ = std::thread([this] { Loop(); });
}

DossierCache::~DossierCache() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  thread_.join();
}

DossierCache::Entry DossierCache::Get(const std::string& code) {
  if (Entry hit = local_.Get(code)) return hit;
  uint64_t ticket = local_.Ticket();
  auto reply = redis_.Run({"GET", Key(code)});
  if (!reply.ok() || reply->type != redis::Reply::Type::kString) return nullptr;
  auto d = std::make_shared<StoredDossier>();
  if (!d->ParseFromString(reply->str)) return nullptr;
  local_.Put(code, d, ticket);
  return d;
}

void DossierCache::Put(Entry dossier, uint64_t ticket) {
  const std::string& code = dossier->record().code();
  (void)redis_.Run({"SET", Key(code), dossier->SerializeAsString(), "PX",
                    absl::StrCat(absl::ToInt64Milliseconds(options_.redis_ttl))});
  local_.Put(code, std::move(dossier), ticket);
}

void DossierCache::Invalidate(const std::string& code) {
  local_.Invalidate(code);
  bool deleted = redis_.Run({"DEL", Key(code)}).ok();
  absl::MutexLock lock(&mu_);
  if (pending_.size() >= kMaxPending) return;  // Redis long gone: entries expire by TTL anyway
  // Delete again after a moment; if this delete failed, keep trying from the loop.
  pending_.emplace_back(absl::Now() + (deleted ? kSecondDelete : absl::ZeroDuration()), code);
}

void DossierCache::Loop() {
  while (true) {
    std::vector<std::string> due;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stop_; };
      mu_.AwaitWithTimeout(absl::Condition(&ready), absl::Milliseconds(200));
      if (stop_) return;
      absl::Time now = absl::Now();
      while (!pending_.empty() && pending_.front().first <= now) {
        due.push_back(std::move(pending_.front().second));
        pending_.pop_front();
      }
    }
    for (const std::string& code : due) {
      bool deleted = redis_.Run({"DEL", Key(code)}).ok();
      local_.Invalidate(code);  // it may have taken the stale Redis entry meanwhile
      if (!deleted) {
        absl::MutexLock lock(&mu_);
        pending_.emplace_back(absl::Now() + absl::Milliseconds(500), code);  // Redis away: try again
      }
    }
  }
}

}  // namespace laso::dossier
