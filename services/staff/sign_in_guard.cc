#include "services/staff/sign_in_guard.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/status/status.h"

namespace laso::staff {
namespace {

// Keys name a hash of the username, so Redis holds no list of accounts.
std::string AccountKey(absl::string_view kind, const std::string& username) {
  return absl::StrCat("laso:staff:signin:", kind, ":u:", crypto::Hex(crypto::Sha256(username)).substr(0, 32));
}
std::string IpKey(absl::string_view kind, const std::string& ip) {
  return absl::StrCat("laso:staff:signin:", kind, ":ip:", ip);
}

absl::Status RedisDown() {
  return absl::UnavailableError("Không kiểm tra được đăng nhập lúc này. Vui lòng thử lại sau ít phút.");
}

}  // namespace

absl::Duration SignInGuard::WaitAfter(int failures, int allowed, const LockoutOptions& o) {
  if (failures < allowed) return absl::ZeroDuration();
  int doublings = std::min(failures - allowed, 20);
  return std::min(o.first_wait * (int64_t{1} << doublings), o.max_wait);
}

absl::Status SignInGuard::Admit(const std::string& username, const std::string& ip) {
  std::vector<redis::Command> commands = {{"PTTL", AccountKey("wait", username)}};
  if (!ip.empty()) commands.push_back({"PTTL", IpKey("wait", ip)});
  auto replies = redis_.Pipeline(commands);
  if (!replies.ok()) return RedisDown();
  int64_t wait_ms = 0;
  for (const redis::Reply& r : *replies) {
    if (r.IsError()) return RedisDown();
    wait_ms = std::max(wait_ms, r.integer);  // -2: no key, -1: no expiry (never set so)
  }
  if (wait_ms <= 0) return absl::OkStatus();
  absl::Duration wait = absl::Ceil(absl::Milliseconds(wait_ms), absl::Seconds(1));
  return WithRetryAfter(
      WithReason(absl::ResourceExhaustedError(absl::StrCat("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ",
                                                           absl::ToInt64Seconds(wait), " giây.")),
                 "SIGN_IN_LOCKED"),
      wait);
}

absl::Status SignInGuard::Failed(const std::string& username, const std::string& ip) {
  std::string forget = absl::StrCat(absl::ToInt64Milliseconds(options_.forget_after));
  std::vector<std::pair<std::string, std::string>> counters = {{AccountKey("fail", username), AccountKey("wait", username)}};
  std::vector<int> allowed = {options_.account_failures};
  if (!ip.empty()) {
    counters.push_back({IpKey("fail", ip), IpKey("wait", ip)});
    allowed.push_back(options_.ip_failures);
  }
  std::vector<redis::Command> commands;
  for (const auto& [fail, wait] : counters) {
    commands.push_back({"INCR", fail});
    commands.push_back({"PEXPIRE", fail, forget});
  }
  auto replies = redis_.Pipeline(commands);
  if (!replies.ok()) return RedisDown();
  std::vector<redis::Command> waits;
  for (size_t i = 0; i < counters.size(); ++i) {
    const redis::Reply& count = (*replies)[2 * i];
    if (count.IsError()) return RedisDown();
    absl::Duration wait = WaitAfter(static_cast<int>(count.integer), allowed[i], options_);
    if (wait > absl::ZeroDuration()) {
      waits.push_back({"SET", counters[i].second, "1", "PX", absl::StrCat(absl::ToInt64Milliseconds(wait))});
    }
  }
  if (waits.empty()) return absl::OkStatus();
  return redis_.Pipeline(waits).ok() ? absl::OkStatus() : RedisDown();
}

absl::Status SignInGuard::Succeeded(const std::string& username) {
  auto reply = redis_.Run({"DEL", AccountKey("fail", username)});
  return reply.ok() ? absl::OkStatus() : RedisDown();
}

}  // namespace laso::staff
