#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/crypto/pii_vault.h"
#include "common/redis/client.h"

namespace laso::dossier {

// Stops guessing a dossier's verifier: after `max_failures` wrong verifiers (or
// lookups of a code that does not exist, which must look the same) within
// `window`, anonymous lookups of that code are refused until the window ends.
// The gateway limits per client IP; this limits per code, across all IPs.
// Codes are hashed before they reach Redis. Without Redis, anonymous lookups
// are refused (fail closed).
class LookupGuard {
 public:
  LookupGuard(redis::Client& redis, const crypto::PiiVault& vault, int64_t max_failures, absl::Duration window)
      : redis_(redis), vault_(vault), max_failures_(max_failures), window_(window) {}

  absl::Status Check(const std::string& code);
  void RecordFailure(const std::string& code);

 private:
  std::string Key(const std::string& code) const;
  redis::Client& redis_;
  const crypto::PiiVault& vault_;
  int64_t max_failures_;
  absl::Duration window_;
};

}  // namespace laso::dossier
