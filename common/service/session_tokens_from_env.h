#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/auth/session_tokens.h"
#include "common/service/service_env.h"

namespace laso::service {

// The bearer tokens a service issues and checks beside the gateway (staff
// sign-ins, residents' sessions after a consent): the keys of
// auth.jwt_key_file (made when keys.create_missing allows) and auth.issuer,
// auth.audience and auth.session_ttl, as the gateway reads them.
absl::StatusOr<std::unique_ptr<auth::SessionTokens>> SessionTokensFromEnv(const ServiceEnv& env, const Clock* clock);

}  // namespace laso::service
