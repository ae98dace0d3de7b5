#include "common/crypto/password_hash.h"

#include <sodium.h>

#include <cstdlib>

#include "common/crypto/random.h"

namespace laso::crypto {
namespace {

void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no safe way on without a random source
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordCost cost) : cost_(cost) {
  InitSodium();
  auto decoy = Hash(RandomToken(18));
  if (decoy.ok()) decoy_ = std::move(*decoy);
}

absl::StatusOr<std::string> PasswordHasher::Hash(absl::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.ops, cost_.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return absl::ResourceExhaustedError("not enough memory to hash a password");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(absl::string_view stored, absl::string_view password) const {
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  std::string terminated(stored);  // libsodium reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyNothing(absl::string_view password) const { (void)Verify(decoy_, password); }

bool PasswordHasher::NeedsRehash(absl::string_view stored) const {
  std::string terminated(stored);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), cost_.ops, cost_.memory_bytes) != 0;
}

absl::Status CheckNewPassword(absl::string_view password) {
  if (password.size() < 12) return absl::InvalidArgumentError("Mật khẩu phải có ít nhất 12 ký tự.");
  if (password.size() > 256) return absl::InvalidArgumentError("Mật khẩu dài tối đa 256 byte.");
  int classes = 0;
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  classes = lower + upper + digit + other;
  if (classes < 3) {
    return absl::InvalidArgumentError("Mật khẩu cần ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự khác.");
  }
  return absl::OkStatus();
}

}  // namespace laso::crypto
