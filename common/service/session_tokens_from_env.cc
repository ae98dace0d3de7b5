#include "common/service/session_tokens_from_env.h"

#include "common/config/key_values.h"

namespace laso::service {

absl::StatusOr<std::unique_ptr<auth::SessionTokens>> SessionTokensFromEnv(const ServiceEnv& env, const Clock* clock) {
  const config::Config& c = env.config;
  auto keys = auth::LoadJwtKeys(config::JwtKeyFile(c), clock, crypto::MissingKeyPolicy(c.Bool("keys.create_missing")));
  if (!keys.ok()) return keys.status();
  auth::TokenOptions options{.issuer = c.String("auth.issuer"),
                             .audience = c.String("auth.audience"),
                             .session_ttl = c.Duration("auth.session_ttl")};
  return std::make_unique<auth::SessionTokens>(std::move(*keys), std::move(options), clock);
}

}  // namespace laso::service
