#pragma once

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// Staff passwords, hashed with Argon2id (libsodium's crypto_pwhash_str): the
// stored string names its own parameters and salt, so a cost raised later
// still verifies old hashes (and NeedsRehash says when to upgrade them).
namespace laso::crypto {

struct PasswordCost {
  unsigned long long ops = 2;
  size_t memory_bytes = 19u << 20;  // 19 MiB per hash: OWASP's first recommended Argon2id setting
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost = {});

  // "$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>".
  absl::StatusOr<std::string> Hash(absl::string_view password) const;
  // Whether `password` matches `stored`; the comparison is constant-time, and a
  // malformed `stored` is a plain "no".
  bool Verify(absl::string_view stored, absl::string_view password) const;
  // Costs the same as a Verify against a real hash, and always says no: for a
  // username that does not exist, so timing does not tell which ones do.
  void VerifyNothing(absl::string_view password) const;
  bool NeedsRehash(absl::string_view stored) const;

  const PasswordCost& cost() const { return cost_; }

 private:
  PasswordCost cost_;
  std::string decoy_;  // a hash of a random password, at the same cost
};

// The rules a new password must meet; the message says which one failed, in Vietnamese.
absl::Status CheckNewPassword(absl::string_view password);

}  // namespace laso::crypto
