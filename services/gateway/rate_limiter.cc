#include "services/gateway/rate_limiter.h"

#include "absl/strings/str_cat.h"

namespace laso::gateway {
namespace {

// KEYS: buckets. ARGV: capacity, period (ms) and tokens wanted, for each bucket
// in order. Every bucket must hold a token for the request to pass; then each
// gives what is wanted, as far as it has whole tokens (at least the one).
// Redis's clock is the only clock, so gateway replicas agree.
// Returns {allowed, wait_ms, granted_1, ..., granted_n}.
constexpr char kTokenBuckets[] = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local levels = {}
local wait = 0
for i = 1, #KEYS do
  local cap = tonumber(ARGV[3 * i - 2])
  local rate = cap / tonumber(ARGV[3 * i - 1])
  local b = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
  local tokens = tonumber(b[1])
  local ts = tonumber(b[2])
  if tokens == nil or ts == nil then
    tokens = cap
    ts = now
  end
  tokens = math.min(cap, tokens + math.max(0, now - ts) * rate)
  levels[i] = tokens
  if tokens < 1 then
    local w = math.ceil((1 - tokens) / rate)
    if w > wait then wait = w end
  end
end
local result = {wait == 0 and 1 or 0, wait}
for i = 1, #KEYS do
  local tokens = levels[i]
  local take = 0
  if wait == 0 then
    take = math.min(tonumber(ARGV[3 * i]), math.floor(tokens))
    tokens = tokens - take
  end
  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens), 'ts', now)
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[3 * i - 1]) + 1000)
  result[2 + i] = take
end
return result
)lua";

constexpr size_t kMaxLeases = 200000;  // memory bound: at most this many clients hold leases

}  // namespace

RateLimiter::RateLimiter(redis::AsioClient& redis, std::map<std::string, ClassLimits> classes, const Clock* clock)
    : redis_(redis), classes_(std::move(classes)), clock_(clock), script_(kTokenBuckets) {}

int64_t RateLimiter::Lease(const Rate& rate) { return std::clamp<int64_t>(rate.tokens / 64, 1, 64); }

bool RateLimiter::TakeFromLeases(const std::vector<Bucket>& buckets) {
  absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  for (const Bucket& b : buckets) {
    auto it = leases_.find(b.key);
    if (it == leases_.end() || it->second.tokens < 1 || it->second.expires <= now) return false;
  }
  for (const Bucket& b : buckets) --leases_[b.key].tokens;
  return true;
}

void RateLimiter::KeepLease(const std::string& key, int64_t tokens) {
  absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  if (leases_.size() >= kMaxLeases) {
    absl::erase_if(leases_, [&](const auto& entry) { return entry.second.expires <= now; });
    if (leases_.size() >= kMaxLeases) return;  // crowded: simply do not lease
  }
  Leased& leased = leases_[key];
  if (leased.expires <= now) leased.tokens = 0;
  leased.tokens += tokens;
  leased.expires = now + kLeaseLife;
}

void RateLimiter::Check(const std::string& route_class, const std::string& ip, const std::string& subject,
                        std::function<void(Decision)> done) {
  auto it = classes_.find(route_class);
  if (it == classes_.end()) it = classes_.find("default");
  if (it == classes_.end()) return done({});
  const std::string& name = it->first;
  const ClassLimits& limits = it->second;
  std::vector<Bucket> buckets;
  auto add = [&](const Rate& rate, const std::string& who) {
    if (rate.tokens <= 0 || who.empty()) return;
    buckets.push_back({absl::StrCat("laso:rl:", name, ":", who), rate, Lease(rate)});
  };
  add(limits.per_ip, ip.empty() ? "" : absl::StrCat("ip:", ip));
  add(limits.per_user, subject.empty() ? "" : absl::StrCat("sub:", subject));
  if (buckets.empty()) return done({});
  if (TakeFromLeases(buckets)) return done({});

  std::vector<std::string> keys, args;
  for (const Bucket& b : buckets) {
    keys.push_back(b.key);
    args.push_back(absl::StrCat(b.rate.tokens));
    args.push_back(absl::StrCat(absl::ToInt64Milliseconds(b.rate.period)));
    args.push_back(absl::StrCat(b.lease));
  }
  bool fail_closed = limits.fail_closed;
  redis_.RunScript(script_, std::move(keys), std::move(args),
                   [this, fail_closed, buckets = std::move(buckets),
                    done = std::move(done)](absl::StatusOr<redis::Reply> reply) {
                     Decision decision;
                     if (!reply.ok() || reply->elements.size() != 2 + buckets.size()) {
                       decision.redis_down = true;
                       decision.allowed = !fail_closed;
                       decision.retry_after = absl::Seconds(5);
                       return done(decision);
                     }
                     decision.allowed = reply->elements[0].integer == 1;
                     decision.retry_after = absl::Milliseconds(reply->elements[1].integer);
                     if (decision.allowed) {
                       // One granted token pays for this request; keep the rest.
                       for (size_t i = 0; i < buckets.size(); ++i) {
                         int64_t spare = reply->elements[2 + i].integer - 1;
                         if (spare > 0) KeepLease(buckets[i].key, spare);
                       }
                     }
                     done(decision);
                   });
}

}  // namespace laso::gateway
