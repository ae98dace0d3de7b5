#include "services/privacy/privacy_config.h"

namespace laso::privacy {

void AddConfigKeys(config::Schema& s) {
  s.Endpoint("privacy.listen", "127.0.0.1:7107", "Where the privacy service listens (gRPC): host:port, or unix:/path");
  s.String("privacy.database", "privacy.db",
           "The privacy service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.String("privacy.notice_dir", "deploy/data/privacy",
           "Directory of the privacy notice, one notice-v<N>.toml per version (the highest is current)");
}

absl::StatusOr<PrivacyConfig> PrivacyConfigFrom(const config::Config& c) {
  PrivacyConfig out;
  out.notice_dir = c.String("privacy.notice_dir");
  return out;
}

}  // namespace laso::privacy
