#include "services/privacy/privacy_config.h"

namespace laso::privacy {

void AddConfigKeys(config::Schema& s) {
  s.Endpoint("privacy.listen", "127.0.0.1:7107", "Where the privacy service listens (gRPC): host:port, or unix:/path");
  s.String("privacy.database", "privacy.db",
           "The privacy service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.String("privacy.notice_dir", "deploy/data/privacy",
           "Directory of the privacy notice, one notice-v<N>.toml per version (the highest is current)");
  s.Duration("privacy.keep_exports", "7d",
             "How long a resident's ready data export stays downloadable; then it is deleted (at least 1h)");
  s.Duration("privacy.keep_sign_ins", "180d",
             "How long a resident's sign-in (when, how, client, address) is kept; then it is deleted (at least 1d)");
  s.Duration("privacy.sweep_interval", "10m",
             "How often one replica deletes expired exports, sign-ins past privacy.keep_sign_ins and erased "
             "residents' session keys no token can need any more");
}

absl::StatusOr<PrivacyConfig> PrivacyConfigFrom(const config::Config& c) {
  PrivacyConfig out;
  out.notice_dir = c.String("privacy.notice_dir");
  out.requests.keep_exports = c.Duration("privacy.keep_exports");
  if (out.requests.keep_exports < absl::Hours(1)) {
    return absl::InvalidArgumentError("config key 'privacy.keep_exports' must be at least 1h");
  }
  out.requests.keep_sign_ins = c.Duration("privacy.keep_sign_ins");
  if (out.requests.keep_sign_ins < absl::Hours(24)) {
    return absl::InvalidArgumentError("config key 'privacy.keep_sign_ins' must be at least 1d");
  }
  out.sweep_interval = c.Duration("privacy.sweep_interval");
  if (out.sweep_interval <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("config key 'privacy.sweep_interval' must be positive");
  }
  return out;
}

}  // namespace laso::privacy
