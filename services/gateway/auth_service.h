#pragma once

#include "common/redis/asio_client.h"
#include "services/gateway/local_service.h"
#include "common/auth/session_tokens.h"
#include "services/gateway/zalo_graph_client.h"

namespace laso::gateway {

// laso.auth.v1.AuthService, served by the gateway: Zalo sign-in, phone
// verification, session refresh, who-am-I. A successful Zalo check is cached
// in Redis (by the token's SHA-256, never the token) for the token's life, so
// repeated sign-ins do not each wait on Zalo.
class AuthService : public LocalService {
 public:
  AuthService(const auth::SessionTokens& tokens, ZaloGraphClient& zalo, redis::AsioClient& redis,
              absl::Duration zalo_cache_ttl)
      : tokens_(tokens), zalo_(zalo), redis_(redis), cache_ttl_(zalo_cache_ttl) {}

  bool Serves(const google::protobuf::MethodDescriptor* method) const override;
  void Call(const google::protobuf::MethodDescriptor* method, const LocalCall& call, std::string request,
            std::function<void(absl::StatusOr<std::string>)> done) override;

 private:
  using Done = std::function<void(absl::StatusOr<std::string>)>;
  void LoginWithZalo(std::string request, Done done);
  void VerifyZaloPhone(std::string request, Done done);
  void RefreshSession(const LocalCall& call, Done done);
  void GetMe(const LocalCall& call, Done done);
  // The Zalo user behind a token: from the cache, else from Zalo (then cached).
  void CheckZaloToken(const std::string& access_token, std::function<void(absl::StatusOr<ZaloUser>)> done);
  absl::StatusOr<std::string> SessionFor(const ZaloUser& user, const std::string& phone) const;

  const auth::SessionTokens& tokens_;
  ZaloGraphClient& zalo_;
  redis::AsioClient& redis_;
  absl::Duration cache_ttl_;
};

}  // namespace laso::gateway
