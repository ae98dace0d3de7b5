#include "services/staff/credentials.h"

#include "absl/strings/str_cat.h"
#include "common/crypto/totp.h"
#include "common/status/status.h"
#include "services/staff/staff_view.h"

namespace laso::staff {

std::string TotpContext(const Account& account) { return absl::StrCat("staff.totp:", account.id); }

absl::Status Credentials::Wrong(const Typed& typed) {
  LASO_RETURN_IF_ERROR(guard_.Failed(typed.username, typed.client_ip));
  return WithReason(absl::UnauthenticatedError("Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng."),
                    "BAD_CREDENTIALS");
}

absl::StatusOr<Account> Credentials::Check(const Typed& typed, Purpose purpose) {
  if (typed.password.size() > 256 || typed.totp.size() > 16 || typed.username.size() > 64) return Wrong(typed);
  LASO_RETURN_IF_ERROR(guard_.Admit(typed.username, typed.client_ip));
  auto username = NormalizeUsername(typed.username);
  std::optional<Account> account;
  if (username.ok()) {
    LASO_ASSIGN_OR_RETURN(account, store_.FindAccount(*username));
  }
  if (!account) {
    hasher_.VerifyNothing(typed.password);  // as long as a real check
    return Wrong(typed);
  }
  if (!hasher_.Verify(account->password_hash, typed.password)) return Wrong(typed);
  LASO_ASSIGN_OR_RETURN(std::string secret, vault_.Unseal(account->totp_sealed, TotpContext(*account)));
  std::optional<int64_t> step = crypto::MatchTotp(secret, typed.totp, clock_->Now());
  if (!step) return Wrong(typed);
  if (!account->active) {
    return WithReason(absl::PermissionDeniedError("Tài khoản đã bị khóa. Liên hệ quản trị viên."), "ACCOUNT_DISABLED");
  }
  if (purpose == Purpose::kSignIn && account->must_change_password) {
    return WithReason(absl::FailedPreconditionError("Lần đăng nhập đầu tiên: hãy đặt mật khẩu mới."),
                      "PASSWORD_CHANGE_REQUIRED");
  }
  if (purpose == Purpose::kInitialPassword && !account->must_change_password) {
    return WithReason(absl::FailedPreconditionError("Tài khoản đã có mật khẩu riêng; hãy đăng nhập."),
                      "PASSWORD_ALREADY_SET");
  }
  LASO_ASSIGN_OR_RETURN(bool fresh, store_.SpendTotpStep(account->id, *step, clock_->Now()));
  if (!fresh) {
    return WithReason(absl::UnauthenticatedError("Mã xác thực này đã được dùng. Vui lòng chờ mã mới."), "TOTP_REUSED");
  }
  LASO_RETURN_IF_ERROR(guard_.Succeeded(typed.username));
  account->totp_last_step = *step;
  account->last_sign_in_at = clock_->Now();
  return *account;
}

absl::StatusOr<NewCredentials> Credentials::Renew(Account& account) {
  NewCredentials out{NewOneTimePassword(), crypto::NewTotpSecret()};
  LASO_ASSIGN_OR_RETURN(account.password_hash, hasher_.Hash(out.one_time_password));
  LASO_ASSIGN_OR_RETURN(account.totp_sealed, vault_.Seal(out.totp_secret, TotpContext(account)));
  account.must_change_password = true;
  account.totp_last_step = 0;
  return out;
}

absl::Status Credentials::SetPassword(Account& account, const std::string& password) {
  if (auto rules = crypto::CheckNewPassword(password); !rules.ok()) return InvalidField("newPassword", rules.message());
  LASO_ASSIGN_OR_RETURN(account.password_hash, hasher_.Hash(password));
  account.must_change_password = false;
  return absl::OkStatus();
}

}  // namespace laso::staff
