#include "common/redis/sentinel.h"

#include <sys/time.h>

#include <optional>

#include <hiredis/hiredis.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/redis/client.h"

namespace laso::redis {

absl::StatusOr<Endpoint> Primary(const Options& options) {
  if (options.sentinels.empty()) return Endpoint{options.host, options.port};
  return AskSentinels(options.sentinels, options.master_name, options);
}

absl::StatusOr<Endpoint> AskSentinels(const std::vector<Endpoint>& sentinels, const std::string& master_name,
                                      const Options& options) {
  std::string last_error = "no sentinel configured";
  for (const Endpoint& s : sentinels) {
    redisContext* ctx = redisConnectWithTimeout(s.host.c_str(), s.port, absl::ToTimeval(options.connect_timeout));
    if (ctx == nullptr || ctx->err) {
      last_error = absl::StrCat("sentinel ", s.host, ":", s.port, ": ", ctx ? ctx->errstr : "cannot allocate");
      if (ctx != nullptr) redisFree(ctx);
      continue;
    }
    redisSetTimeout(ctx, absl::ToTimeval(options.command_timeout));
    auto* reply = static_cast<redisReply*>(
        redisCommand(ctx, "SENTINEL get-master-addr-by-name %b", master_name.data(), master_name.size()));
    std::optional<Endpoint> found;
    int port = 0;
    if (reply != nullptr && reply->type == REDIS_REPLY_ARRAY && reply->elements == 2 &&
        reply->element[0]->type == REDIS_REPLY_STRING && reply->element[1]->type == REDIS_REPLY_STRING &&
        absl::SimpleAtoi(absl::string_view(reply->element[1]->str, reply->element[1]->len), &port)) {
      found = Endpoint{std::string(reply->element[0]->str, reply->element[0]->len), port};
    } else {
      last_error = absl::StrCat("sentinel ", s.host, ":", s.port, " does not know \"", master_name, "\"");
    }
    if (reply != nullptr) freeReplyObject(reply);
    redisFree(ctx);
    if (found) return *found;
  }
  return absl::UnavailableError(absl::StrCat("redis unavailable: ", last_error));
}

absl::Status ConfirmPrimary(redisContext* ctx) {
  auto* reply = static_cast<redisReply*>(redisCommand(ctx, "ROLE"));
  bool primary = reply != nullptr && reply->type == REDIS_REPLY_ARRAY && reply->elements > 0 &&
                 reply->element[0]->type == REDIS_REPLY_STRING &&
                 absl::string_view(reply->element[0]->str, reply->element[0]->len) == "master";
  if (reply != nullptr) freeReplyObject(reply);
  if (primary) return absl::OkStatus();
  return absl::UnavailableError("redis unavailable: the server the sentinels named is not a primary (yet)");
}

bool MeansWrongServer(absl::string_view error_reply) {
  for (absl::string_view prefix : {"READONLY", "LOADING", "MASTERDOWN"}) {
    if (absl::StartsWith(error_reply, prefix)) return true;
  }
  return false;
}

}  // namespace laso::redis
