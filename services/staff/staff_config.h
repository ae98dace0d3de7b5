#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "common/crypto/password_hash.h"
#include "services/staff/sign_in_guard.h"

// The staff service's configuration keys (staff.*) and the options it runs
// with, read and checked in one place: errors name the key.
namespace laso::staff {

void AddConfigKeys(config::Schema& s);

struct SessionOptions {
  absl::Duration access_ttl = absl::Minutes(15);
  absl::Duration refresh_ttl = absl::Hours(8);
  absl::Duration session_max_age = absl::Hours(12);
  absl::Duration machine_token_default_ttl = absl::Hours(24 * 30);
  absl::Duration machine_token_max_ttl = absl::Hours(24 * 400);
  std::string totp_issuer = "laso";
};

struct StaffConfig {
  SessionOptions sessions;
  LockoutOptions lockout;
  crypto::PasswordCost password_cost;
  int password_threads = 2;
  absl::Duration revocation_publish_interval = absl::Seconds(10);
  absl::Duration keep_sign_ins = absl::Hours(24 * 365);
};

absl::StatusOr<StaffConfig> StaffConfigFrom(const config::Config& c);

}  // namespace laso::staff
