#include "common/redis/client.h"

#include <sys/time.h>

#include <hiredis/hiredis.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace laso::redis {
namespace {

absl::Status Unavailable(absl::string_view why) {
  return absl::UnavailableError(absl::StrCat("redis unavailable: ", why));
}

absl::Status FromErrorReply(const std::string& message) {
  // Errors that are the caller's doing, not Redis being unwell.
  for (absl::string_view prefix : {"WRONGTYPE", "NOSCRIPT", "BUSYGROUP", "NOGROUP"}) {
    if (absl::StartsWith(message, prefix)) return absl::FailedPreconditionError(absl::StrCat("redis: ", message));
  }
  return absl::InternalError(absl::StrCat("redis: ", message));
}

std::vector<const char*> ArgvOf(const Command& command, std::vector<size_t>* lengths) {
  std::vector<const char*> argv;
  argv.reserve(command.size());
  lengths->clear();
  for (const std::string& arg : command) {
    argv.push_back(arg.data());
    lengths->push_back(arg.size());
  }
  return argv;
}

}  // namespace

Client::Client(Options options, const Clock* clock)
    : options_(std::move(options)), clock_(clock), breaker_(options_.breaker_cooldown, clock) {}

Client::~Client() {
  absl::MutexLock lock(&mu_);
  for (redisContext* ctx : idle_) redisFree(ctx);
}

absl::StatusOr<redisContext*> Client::Connect() {
  auto primary = Primary(options_);
  if (!primary.ok()) return primary.status();
  redisContext* ctx = redisConnectWithTimeout(primary->host.c_str(), primary->port,
                                              absl::ToTimeval(options_.connect_timeout));
  if (ctx == nullptr) return Unavailable("cannot allocate connection");
  if (ctx->err) {
    std::string why = ctx->errstr;
    redisFree(ctx);
    return Unavailable(why);
  }
  redisSetTimeout(ctx, absl::ToTimeval(options_.command_timeout));
  redisEnableKeepAlive(ctx);
  if (!options_.password.empty()) {
    auto* reply = static_cast<redisReply*>(redisCommand(ctx, "AUTH %b", options_.password.data(),
                                                        options_.password.size()));
    bool ok = reply != nullptr && reply->type != REDIS_REPLY_ERROR;
    if (reply != nullptr) freeReplyObject(reply);
    if (!ok) {
      redisFree(ctx);
      return Unavailable("authentication failed");
    }
  }
  if (!options_.sentinels.empty()) {  // the sentinels' answer may be a moment old: a failover is under way
    if (auto s = ConfirmPrimary(ctx); !s.ok()) {
      redisFree(ctx);
      return s;
    }
  }
  return ctx;
}

absl::StatusOr<redisContext*> Client::Acquire() {
  if (!breaker_.Allow()) return Unavailable("recent failure; retrying shortly");
  {
    absl::MutexLock lock(&mu_);
    auto can_take = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.pool_size;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&can_take), options_.command_timeout)) {
      // Every connection is busy; a saturated pool is not Redis failing.
      breaker_.CancelProbe();
      return Unavailable("all connections busy");
    }
    if (!idle_.empty()) {
      redisContext* ctx = idle_.back();
      idle_.pop_back();
      return ctx;
    }
    ++open_;
  }
  auto ctx = Connect();
  if (!ctx.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    breaker_.RecordFailure();
    return ctx.status();
  }
  return ctx;
}

void Client::Release(redisContext* ctx, bool healthy) {
  if (healthy) {
    breaker_.RecordSuccess();
    absl::MutexLock lock(&mu_);
    idle_.push_back(ctx);
    return;
  }
  redisFree(ctx);
  breaker_.RecordFailure();
  DropIdle();  // their server is likely gone too; reconnect fresh next time
  absl::MutexLock lock(&mu_);
  --open_;
}

void Client::DropIdle() {
  absl::MutexLock lock(&mu_);
  for (redisContext* ctx : idle_) redisFree(ctx);
  open_ -= static_cast<int>(idle_.size());
  idle_.clear();
}

absl::StatusOr<Reply> Client::Run(const Command& command) {
  auto results = Pipeline({command});
  if (!results.ok()) return results.status();
  Reply& reply = (*results)[0];
  if (reply.IsError()) return FromErrorReply(reply.str);
  return std::move(reply);
}

absl::StatusOr<std::vector<Reply>> Client::Pipeline(const std::vector<Command>& commands) {
  auto ctx = Acquire();
  if (!ctx.ok()) return ctx.status();
  std::vector<size_t> lengths;
  for (const Command& command : commands) {
    std::vector<const char*> argv = ArgvOf(command, &lengths);
    redisAppendCommandArgv(*ctx, static_cast<int>(argv.size()), argv.data(), lengths.data());
  }
  std::vector<Reply> replies;
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(*ctx, &raw) != REDIS_OK || raw == nullptr) {
      std::string why = (*ctx)->errstr[0] ? (*ctx)->errstr : "connection lost";
      Release(*ctx, /*healthy=*/false);
      return Unavailable(why);
    }
    replies.push_back(Reply::FromHiredis(static_cast<redisReply*>(raw)));
    freeReplyObject(raw);
  }
  for (const Reply& reply : replies) {
    if (reply.IsError() && MeansWrongServer(reply.str)) {  // a replica now, or loading: find the primary again
      Release(*ctx, /*healthy=*/false);
      return Unavailable(reply.str);
    }
  }
  Release(*ctx, /*healthy=*/true);
  return replies;
}

}  // namespace laso::redis
