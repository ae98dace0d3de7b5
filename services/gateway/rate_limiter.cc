#include "services/gateway/rate_limiter.h"

#include "absl/strings/str_cat.h"

namespace laso::gateway {
namespace {

// KEYS: buckets. ARGV: capacity and period (ms) for each bucket, in order.
// Every bucket must hold a token for the request to pass; then each gives one.
// Redis's clock is the only clock, so gateway replicas agree.
constexpr char kTokenBuckets[] = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local levels = {}
local wait = 0
for i = 1, #KEYS do
  local cap = tonumber(ARGV[2 * i - 1])
  local rate = cap / tonumber(ARGV[2 * i])
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
for i = 1, #KEYS do
  local tokens = levels[i]
  if wait == 0 then tokens = tokens - 1 end
  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens), 'ts', now)
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 * i]) + 1000)
end
if wait == 0 then return {1, 0} end
return {0, wait}
)lua";

}  // namespace

RateLimiter::RateLimiter(redis::AsyncClient& redis, std::map<std::string, ClassLimits> classes)
    : redis_(redis), classes_(std::move(classes)), script_(kTokenBuckets) {}

void RateLimiter::Check(const std::string& route_class, const std::string& ip, const std::string& subject,
                        std::function<void(Decision)> done) {
  auto it = classes_.find(route_class);
  if (it == classes_.end()) it = classes_.find("default");
  if (it == classes_.end()) return done({});
  const std::string& name = it->first;
  const ClassLimits& limits = it->second;
  std::vector<std::string> keys, args;
  auto add = [&](const Rate& rate, const std::string& who) {
    if (rate.tokens <= 0 || who.empty()) return;
    keys.push_back(absl::StrCat("laso:rl:", name, ":", who));
    args.push_back(absl::StrCat(rate.tokens));
    args.push_back(absl::StrCat(absl::ToInt64Milliseconds(rate.period)));
  };
  add(limits.per_ip, ip.empty() ? "" : absl::StrCat("ip:", ip));
  add(limits.per_user, subject.empty() ? "" : absl::StrCat("sub:", subject));
  if (keys.empty()) return done({});
  bool fail_closed = limits.fail_closed;
  redis_.RunScript(script_, std::move(keys), std::move(args),
                   [fail_closed, done = std::move(done)](absl::StatusOr<redis::Reply> reply) {
                     Decision decision;
                     if (!reply.ok() || reply->elements.size() != 2) {
                       decision.redis_down = true;
                       decision.allowed = !fail_closed;
                       decision.retry_after = absl::Seconds(5);
                       return done(decision);
                     }
                     decision.allowed = reply->elements[0].integer == 1;
                     decision.retry_after = absl::Milliseconds(reply->elements[1].integer);
                     done(decision);
                   });
}

}  // namespace laso::gateway
