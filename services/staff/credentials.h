#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/crypto/password_hash.h"
#include "common/crypto/pii_vault.h"
#include "common/time/clock.h"
#include "services/staff/sign_in_guard.h"
#include "services/staff/staff_store.h"

// Checking what a person typed: username, password and TOTP code, behind the
// brute-force guard; and making new ones (a one-time password, a TOTP secret).
// Every failure answers the same words, so a guesser learns nothing about
// which part was wrong or whether the account exists.
namespace laso::staff {

struct Typed {
  std::string username;
  std::string password;
  std::string totp;
  std::string client_ip;
};

struct NewCredentials {
  std::string one_time_password;
  std::string totp_secret;  // raw bytes
};

class Credentials {
 public:
  Credentials(StaffStore& store, SignInGuard& guard, const crypto::PiiVault& vault,
              const crypto::PasswordHasher& hasher, const Clock* clock)
      : store_(store), guard_(guard), vault_(vault), hasher_(hasher), clock_(clock) {}

  enum class Purpose {
    kSignIn,             // refuses an account that still holds its one-time password
    kInitialPassword,    // requires one
    kConfirm,            // a signed-in person confirming (changing their password)
  };
  // The account, once the password and the code match and the code's step is
  // spent (a code is good once). UNAUTHENTICATED (reason BAD_CREDENTIALS),
  // RESOURCE_EXHAUSTED while waiting, PERMISSION_DENIED for a disabled account,
  // FAILED_PRECONDITION (PASSWORD_CHANGE_REQUIRED) per `purpose`.
  absl::StatusOr<Account> Check(const Typed& typed, Purpose purpose);

  // A one-time password and a TOTP secret, set on `account` (hash and sealed secret).
  absl::StatusOr<NewCredentials> Renew(Account& account);
  // Sets a password the person chose (checked against the rules).
  absl::Status SetPassword(Account& account, const std::string& password);

 private:
  absl::Status Wrong(const Typed& typed);
  StaffStore& store_;
  SignInGuard& guard_;
  const crypto::PiiVault& vault_;
  const crypto::PasswordHasher& hasher_;
  const Clock* clock_;
};

// The sealing context of an account's TOTP secret.
std::string TotpContext(const Account& account);

}  // namespace laso::staff
