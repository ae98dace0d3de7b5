#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/redis/client.h"

// Brute force at the staff sign-in: failures are counted in Redis per account
// and per client IP (so every replica sees them), and after `failures_allowed`
// the account (or IP) waits, twice as long after each further failure, up to
// `max_wait`. Without Redis nobody signs in (UNAVAILABLE): a guard that
// forgets would let a guesser in.
namespace laso::staff {

struct LockoutOptions {
  int account_failures = 5;
  int ip_failures = 20;
  absl::Duration first_wait = absl::Seconds(30);
  absl::Duration max_wait = absl::Minutes(15);
  absl::Duration forget_after = absl::Hours(1);  // failures older than this no longer count
};

class SignInGuard {
 public:
  SignInGuard(redis::Client& redis, LockoutOptions options) : redis_(redis), options_(options) {}

  // OK, or RESOURCE_EXHAUSTED with the wait (WithRetryAfter) while the account or IP waits.
  absl::Status Admit(const std::string& username, const std::string& ip);
  // A wrong password or code: counts it, and starts a wait when over the limit.
  absl::Status Failed(const std::string& username, const std::string& ip);
  // A good sign-in clears the account's failures (not the IP's).
  absl::Status Succeeded(const std::string& username);

  // The wait after the n-th consecutive failure (0 below the limit).
  static absl::Duration WaitAfter(int failures, int allowed, const LockoutOptions& options);

 private:
  redis::Client& redis_;
  LockoutOptions options_;
};

}  // namespace laso::staff
