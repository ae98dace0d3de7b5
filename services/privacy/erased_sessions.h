#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/redis/client.h"

namespace laso::privacy {

// Ends an erased resident's sessions on every gateway: their key goes on the
// revocation list (common/auth/revocations.h) for as long as a token issued
// before the erasure could be presented (auth.session_ttl, plus a minute for
// clock skew). Written at the erasure, and again periodically from the
// privacy database, so a Redis that lost the list heals.
class ErasedSessions {
 public:
  ErasedSessions(redis::Client& redis, absl::Duration token_life) : redis_(redis), token_life_(token_life) {}

  // (session key, erased at) pairs.
  absl::Status Publish(const std::vector<std::pair<std::string, absl::Time>>& erased);
  absl::Duration token_life() const { return token_life_; }

 private:
  redis::Client& redis_;
  const absl::Duration token_life_;
};

}  // namespace laso::privacy
