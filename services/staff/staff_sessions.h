#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "common/auth/session_tokens.h"
#include "common/rpc/caller.h"
#include "services/staff/credentials.h"
#include "services/staff/revocation_publisher.h"
#include "services/staff/staff_config.h"
#include "services/staff/staff_view.h"

// A person's sign-in sessions: signing in (password and TOTP), the first
// sign-in that sets their own password, refreshing (each refresh token is
// spent once; a spent one presented again ends the session, since someone
// copied it), signing out, changing the password, and an admin ending all of
// a person's sessions. Ending a session publishes the revocation at once.
namespace laso::staff {

class StaffSessions {
 public:
  StaffSessions(StaffStore& store, Credentials& credentials, const auth::SessionTokens& tokens,
                RevocationPublisher& revocations, SessionOptions options, const Clock* clock)
      : store_(store), credentials_(credentials), tokens_(tokens), revocations_(revocations),
        options_(std::move(options)), clock_(clock) {}

  absl::StatusOr<v1::StaffSession> SignIn(const rpc::Caller& caller, const v1::SignInRequest& req);
  absl::StatusOr<v1::StaffSession> ChangeInitialPassword(const rpc::Caller& caller,
                                                         const v1::ChangeInitialPasswordRequest& req);
  absl::StatusOr<v1::StaffSession> Refresh(const rpc::Caller& caller, const v1::RefreshSessionRequest& req);
  absl::Status SignOut(const rpc::Caller& caller);
  absl::Status ChangePassword(const rpc::Caller& caller, const v1::ChangePasswordRequest& req);

  // Ends every open session of `account` and publishes the revocations; how many ended.
  // With `audit`, the audit event of the act that ended them, in the same transaction.
  absl::StatusOr<int> EndAll(const Account& account, const std::string& reason,
                             const std::optional<outbox::Event>& audit = std::nullopt);

 private:
  // A new session for a person who just proved who they are.
  absl::StatusOr<v1::StaffSession> Open(const Account& account, const rpc::Caller& caller);
  absl::StatusOr<v1::StaffSession> Answer(const Account& account, const SessionRow& session,
                                          const std::string& refresh_token);
  absl::Status Published(absl::Status ended);

  StaffStore& store_;
  Credentials& credentials_;
  const auth::SessionTokens& tokens_;
  RevocationPublisher& revocations_;
  SessionOptions options_;
  const Clock* clock_;
};

// Refresh tokens are stored as their SHA-256 (hex), never as themselves.
std::string RefreshTokenHash(const std::string& refresh_token);

}  // namespace laso::staff
