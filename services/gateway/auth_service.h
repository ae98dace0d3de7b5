#pragma once

#include "common/auth/session_tokens.h"
#include "common/grpc/identity.h"
#include "common/redis/asio_client.h"
#include "services/gateway/backends.h"
#include "services/gateway/local_service.h"
#include "services/gateway/zalo_graph_client.h"

namespace laso::gateway {

// laso.auth.v1.AuthService, served by the gateway: Zalo sign-in, phone
// verification, session refresh, who-am-I. A successful Zalo check is cached
// in Redis (by the token's SHA-256, never the token) for the token's life, so
// repeated sign-ins do not each wait on Zalo.
//
// Every session it issues carries where the resident stands on the privacy
// notice, asked of the privacy service (as the resident) at sign-in and refresh.
// When that service cannot answer, the session carries no consent: reading
// works, writes that need personal data answer CONSENT_REQUIRED until a
// refresh finds it again.
class AuthService : public LocalService {
 public:
  struct Deps {
    const auth::SessionTokens* tokens;
    ZaloGraphClient* zalo;
    redis::AsioClient* redis;
    Backends* backends;
    const rpc::IdentitySigner* signer;
    absl::Duration zalo_cache_ttl;
    absl::Duration privacy_deadline = absl::Seconds(2);
  };
  explicit AuthService(Deps deps) : d_(deps) {}

  bool Serves(const google::protobuf::MethodDescriptor* method) const override;
  void Call(const google::protobuf::MethodDescriptor* method, const LocalCall& call, std::string request,
            std::function<void(absl::StatusOr<std::string>)> done) override;

 private:
  using Done = std::function<void(absl::StatusOr<std::string>)>;
  void LoginWithZalo(const LocalCall& call, std::string request, Done done);
  void VerifyZaloPhone(const LocalCall& call, std::string request, Done done);
  void ResolveZaloLocation(const LocalCall& call, std::string request, Done done);
  void RefreshSession(const LocalCall& call, Done done);
  void GetMe(const LocalCall& call, Done done);
  // The Zalo user behind a token: from the cache, else from Zalo (then cached).
  void CheckZaloToken(const std::string& access_token, std::function<void(absl::StatusOr<ZaloUser>)> done);
  // Asks the privacy service where the resident stands, then issues their session.
  // `sign_in`: "zalo" or "zalo_phone" for a sign-in (recorded by the privacy service), "" for a refresh.
  void IssueSession(const LocalCall& call, auth::ResidentClaims resident, std::string avatar, std::string sign_in,
                    Done done);
  absl::StatusOr<std::string> SessionFor(const auth::ResidentClaims& resident, const std::string& avatar) const;

  Deps d_;
};

// The consent claims of a session from the privacy service's answer
// (serialized laso.privacy.v1.Consents): the accepted version only when it is
// the current one, and the optional purposes granted.
void ApplyConsents(const std::string& consents, auth::ResidentClaims* resident);

}  // namespace laso::gateway
