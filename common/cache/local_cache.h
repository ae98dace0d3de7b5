#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/time/clock.h"

namespace laso::cache {

// An in-process LRU in front of a slower store, for a service that is the only
// writer of its data (each service owns its SQLite file), so its own writes
// are every change there is.
//
// Readers that miss must not put back what they read before a write landed:
//
//   auto ticket = cache.Ticket();        // before reading the store
//   auto value = store.Read(key);
//   cache.Put(key, value, ticket);       // dropped if the key was invalidated since
//
// and writers call Invalidate(key) after they commit. Entries also expire
// after `ttl`. Values are shared and immutable once cached.
template <typename Value>
class LocalCache {
 public:
  LocalCache(size_t capacity, absl::Duration ttl, const Clock* clock = RealClock::Get())
      : capacity_(capacity), ttl_(ttl), clock_(clock) {}

  std::shared_ptr<const Value> Get(const std::string& key) {
    absl::MutexLock lock(&mu_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    if (clock_->Now() >= it->second->expires) {
      lru_.erase(it->second);
      index_.erase(it);
      return nullptr;
    }
    lru_.splice(lru_.begin(), lru_, it->second);  // most recently used first
    return it->second->value;
  }

  // A ticket for a read about to go to the store.
  uint64_t Ticket() {
    absl::MutexLock lock(&mu_);
    return epoch_;
  }

  // Caches `value` unless `key` was invalidated after `ticket` was taken (then
  // what was read may already be old). Writes to other keys do not matter.
  void Put(const std::string& key, std::shared_ptr<const Value> value, uint64_t ticket) {
    if (capacity_ == 0) return;
    absl::MutexLock lock(&mu_);
    if (ticket < forgotten_before_) return;  // its key's invalidation may have been forgotten
    if (auto inv = invalidated_at_.find(key); inv != invalidated_at_.end() && ticket < inv->second) return;
    auto it = index_.find(key);
    if (it != index_.end()) {
      lru_.erase(it->second);
      index_.erase(it);
    }
    lru_.push_front(Entry{key, std::move(value), clock_->Now() + ttl_});
    index_.emplace(key, lru_.begin());
    if (index_.size() > capacity_) {
      index_.erase(lru_.back().key);
      lru_.pop_back();
    }
  }

  void Invalidate(const std::string& key) {
    absl::MutexLock lock(&mu_);
    ++epoch_;
    if (invalidated_at_.size() >= 4 * capacity_ + 64) {
      // Remember recent invalidations only; refuse every older ticket instead.
      invalidated_at_.clear();
      forgotten_before_ = epoch_;
    }
    invalidated_at_[key] = epoch_;
    auto it = index_.find(key);
    if (it == index_.end()) return;
    lru_.erase(it->second);
    index_.erase(it);
  }

  // Drops every entry; reads that began before are not put back either.
  void Clear() {
    absl::MutexLock lock(&mu_);
    ++epoch_;
    forgotten_before_ = epoch_;
    invalidated_at_.clear();
    index_.clear();
    lru_.clear();
  }

  size_t size() {
    absl::MutexLock lock(&mu_);
    return index_.size();
  }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Value> value;
    absl::Time expires;
  };

  const size_t capacity_;
  const absl::Duration ttl_;
  const Clock* clock_;
  absl::Mutex mu_;
  std::list<Entry> lru_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, typename std::list<Entry>::iterator> index_ ABSL_GUARDED_BY(mu_);
  uint64_t epoch_ ABSL_GUARDED_BY(mu_) = 0;
  // Epoch of each key's last invalidation; tickets older than that are refused
  // for that key. Bounded: when cleared, every ticket before `forgotten_before_`.
  absl::flat_hash_map<std::string, uint64_t> invalidated_at_ ABSL_GUARDED_BY(mu_);
  uint64_t forgotten_before_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace laso::cache
