#include "services/staff/staff_sessions.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/crypto/random.h"
#include "common/log/log.h"
#include "common/log/truncate_ip.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"

namespace laso::staff {
namespace {

constexpr char kRefreshPrefix[] = "lrt_";

absl::Status SignInAgain() {
  return WithReason(absl::UnauthenticatedError("Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại."), "SESSION_ENDED");
}

absl::Status StaffOnly(const rpc::Caller& caller) {
  if (!absl::StartsWith(caller.session(), "s:") || !absl::StartsWith(caller.subject(), "staff:")) {
    return absl::PermissionDeniedError("Chỉ cán bộ đã đăng nhập mới làm được việc này.");
  }
  return absl::OkStatus();
}

}  // namespace

std::string RefreshTokenHash(const std::string& refresh_token) { return crypto::Hex(crypto::Sha256(refresh_token)); }

absl::Status StaffSessions::Published(absl::Status ended) {
  if (!ended.ok()) return ended;
  revocations_.PublishAfterRevoking();
  return absl::OkStatus();
}

absl::StatusOr<v1::StaffSession> StaffSessions::Answer(const Account& account, const SessionRow& session,
                                                       const std::string& refresh_token) {
  auth::StaffClaims claims{account.username, account.display_name, account.role, account.agency, session.id};
  LASO_ASSIGN_OR_RETURN(auto access, tokens_.IssueStaff(claims, options_.access_ttl));
  v1::StaffSession out;
  out.set_access_token(access.token);
  out.set_refresh_token(refresh_token);
  SetTimestamp(access.expires_at, out.mutable_expires_at());
  SetTimestamp(session.expires_at, out.mutable_refresh_expires_at());
  *out.mutable_staff() = StaffMemberOf(account);
  return out;
}

absl::StatusOr<v1::StaffSession> StaffSessions::Open(const Account& account, const rpc::Caller& caller) {
  absl::Time now = clock_->Now();
  SessionRow session;
  session.id = crypto::RandomToken(16);
  session.account_id = account.id;
  session.created_at = session.last_used_at = now;
  session.max_expires_at = now + options_.session_max_age;
  session.expires_at = std::min(now + options_.refresh_ttl, session.max_expires_at);
  session.client_network = log::TruncateIp(caller.client_ip());
  std::string refresh = absl::StrCat(kRefreshPrefix, crypto::RandomToken(32));
  LASO_RETURN_IF_ERROR(store_.InsertSession(session, RefreshTokenHash(refresh)));
  log::Info("staff signed in", {{"staff", account.username}, {"session", session.id.substr(0, 6)}});
  return Answer(account, session, refresh);
}

absl::StatusOr<v1::StaffSession> StaffSessions::SignIn(const rpc::Caller& caller, const v1::SignInRequest& req) {
  LASO_ASSIGN_OR_RETURN(Account account, credentials_.Check({req.username(), req.password(), req.totp(), caller.client_ip()},
                                                            Credentials::Purpose::kSignIn));
  return Open(account, caller);
}

absl::StatusOr<v1::StaffSession> StaffSessions::ChangeInitialPassword(const rpc::Caller& caller,
                                                                      const v1::ChangeInitialPasswordRequest& req) {
  if (req.new_password() == req.password()) {
    return InvalidField("newPassword", "Mật khẩu mới phải khác mật khẩu dùng một lần.");
  }
  if (auto rules = crypto::CheckNewPassword(req.new_password()); !rules.ok()) {
    return InvalidField("newPassword", rules.message());  // before the costly check, and before spending the code
  }
  LASO_ASSIGN_OR_RETURN(Account account, credentials_.Check({req.username(), req.password(), req.totp(), caller.client_ip()},
                                                            Credentials::Purpose::kInitialPassword));
  LASO_RETURN_IF_ERROR(credentials_.SetPassword(account, req.new_password()));
  account.updated_at = clock_->Now();
  LASO_RETURN_IF_ERROR(store_.UpdateAccount(account));
  return Open(account, caller);
}

absl::StatusOr<v1::StaffSession> StaffSessions::Refresh(const rpc::Caller& caller, const v1::RefreshSessionRequest& req) {
  const std::string& token = req.refresh_token();
  if (!absl::StartsWith(token, kRefreshPrefix) || token.size() > 128) return SignInAgain();
  std::string next = absl::StrCat(kRefreshPrefix, crypto::RandomToken(32));
  LASO_ASSIGN_OR_RETURN(Rotation rotation,
                        store_.Rotate(RefreshTokenHash(token), RefreshTokenHash(next), options_.refresh_ttl, clock_->Now()));
  switch (rotation.outcome) {
    case Rotation::Outcome::kRotated:
      return Answer(rotation.account, rotation.session, next);
    case Rotation::Outcome::kReused:
      log::Warn("spent refresh token presented again: session ended", {{"session", rotation.session.id.substr(0, 6)}});
      LASO_RETURN_IF_ERROR(Published(absl::OkStatus()));
      return SignInAgain();
    case Rotation::Outcome::kUnknown:
    case Rotation::Outcome::kEnded:
      break;
  }
  return SignInAgain();
}

absl::Status StaffSessions::SignOut(const rpc::Caller& caller) {
  LASO_RETURN_IF_ERROR(StaffOnly(caller));
  auto ended = store_.EndSession(caller.session().substr(2), "signed out", clock_->Now());
  return Published(ended.status());
}

absl::Status StaffSessions::ChangePassword(const rpc::Caller& caller, const v1::ChangePasswordRequest& req) {
  LASO_RETURN_IF_ERROR(StaffOnly(caller));
  if (auto rules = crypto::CheckNewPassword(req.new_password()); !rules.ok()) {
    return InvalidField("newPassword", rules.message());
  }
  std::string username = caller.subject().substr(strlen("staff:"));
  LASO_ASSIGN_OR_RETURN(Account account, credentials_.Check({username, req.current_password(), req.totp(), caller.client_ip()},
                                                            Credentials::Purpose::kConfirm));
  LASO_RETURN_IF_ERROR(credentials_.SetPassword(account, req.new_password()));
  account.updated_at = clock_->Now();
  LASO_RETURN_IF_ERROR(store_.UpdateAccount(account));
  log::Info("staff changed their password", {{"staff", account.username}});
  return absl::OkStatus();
}

absl::StatusOr<int> StaffSessions::EndAll(const Account& account, const std::string& reason,
                                          const std::optional<outbox::Event>& audit) {
  LASO_ASSIGN_OR_RETURN(int ended, store_.EndSessionsOf(account.id, reason, clock_->Now(), audit));
  LASO_RETURN_IF_ERROR(Published(absl::OkStatus()));
  return ended;
}

}  // namespace laso::staff
