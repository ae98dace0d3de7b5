#include "common/crypto/aead.h"

#include <memory>

#include <openssl/evp.h>

#include "absl/status/status.h"
#include "common/crypto/random.h"

namespace laso::crypto {
namespace {

constexpr unsigned char kFormatVersion = 1;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

absl::Status CheckKeyAndNonce(absl::string_view key, absl::string_view nonce) {
  if (key.size() != kAeadKeyBytes) return absl::InvalidArgumentError("AES-256-GCM key must be 32 bytes");
  if (nonce.size() != kAeadNonceBytes) return absl::InvalidArgumentError("GCM nonce must be 12 bytes");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> Aes256GcmSeal(absl::string_view key, absl::string_view nonce,
                                          absl::string_view plaintext, absl::string_view aad) {
  if (auto s = CheckKeyAndNonce(key, nonce); !s.ok()) return s;
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(plaintext.size() + kAeadTagBytes, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int len = 0, total = 0;
  bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kAeadNonceBytes, nullptr) == 1 &&
            EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), Bytes(nonce)) == 1 &&
            (aad.empty() || EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), aad.size()) == 1) &&
            EVP_EncryptUpdate(ctx.get(), dst, &len, Bytes(plaintext), plaintext.size()) == 1;
  total = len;
  ok = ok && EVP_EncryptFinal_ex(ctx.get(), dst + total, &len) == 1;
  total += len;
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kAeadTagBytes, dst + total) == 1;
  if (!ok) return absl::InternalError("AES-256-GCM encryption failed");
  out.resize(total + kAeadTagBytes);
  return out;
}

absl::StatusOr<std::string> Aes256GcmOpen(absl::string_view key, absl::string_view nonce,
                                          absl::string_view sealed, absl::string_view aad) {
  if (auto s = CheckKeyAndNonce(key, nonce); !s.ok()) return s;
  if (sealed.size() < kAeadTagBytes) return absl::DataLossError("sealed value too short");
  absl::string_view ciphertext = sealed.substr(0, sealed.size() - kAeadTagBytes);
  std::string tag(sealed.substr(ciphertext.size()));
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(ciphertext.size(), '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int len = 0, total = 0;
  bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kAeadNonceBytes, nullptr) == 1 &&
            EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), Bytes(nonce)) == 1 &&
            (aad.empty() || EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), aad.size()) == 1) &&
            EVP_DecryptUpdate(ctx.get(), dst, &len, Bytes(ciphertext), ciphertext.size()) == 1;
  total = len;
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kAeadTagBytes, tag.data()) == 1;
  if (!ok) return absl::InternalError("AES-256-GCM decryption failed");
  if (EVP_DecryptFinal_ex(ctx.get(), dst + total, &len) != 1) {
    return absl::DataLossError("sealed value failed authentication");
  }
  out.resize(total + len);
  return out;
}

absl::Status Keyring::Add(absl::string_view kid, absl::string_view key) {
  if (kid.empty() || kid.size() > 255) return absl::InvalidArgumentError("key id must be 1-255 bytes");
  if (key.size() != kAeadKeyBytes) return absl::InvalidArgumentError("AES-256-GCM key must be 32 bytes");
  keys_[std::string(kid)] = std::string(key);
  primary_ = std::string(kid);
  return absl::OkStatus();
}

absl::Status Keyring::SetPrimary(absl::string_view kid) {
  if (keys_.find(kid) == keys_.end()) return absl::NotFoundError("no such key id");
  primary_ = std::string(kid);
  return absl::OkStatus();
}

absl::StatusOr<std::string> Keyring::Seal(absl::string_view plaintext, absl::string_view aad) const {
  auto it = keys_.find(primary_);
  if (it == keys_.end()) return absl::FailedPreconditionError("keyring has no primary key");
  std::string nonce = RandomBytes(kAeadNonceBytes);
  auto sealed = Aes256GcmSeal(it->second, nonce, plaintext, aad);
  if (!sealed.ok()) return sealed.status();
  std::string out;
  out.reserve(2 + primary_.size() + nonce.size() + sealed->size());
  out.push_back(static_cast<char>(kFormatVersion));
  out.push_back(static_cast<char>(primary_.size()));
  out += primary_;
  out += nonce;
  out += *sealed;
  return out;
}

absl::StatusOr<std::string> Keyring::Open(absl::string_view sealed, absl::string_view aad) const {
  if (sealed.size() < 2 || static_cast<unsigned char>(sealed[0]) != kFormatVersion) {
    return absl::DataLossError("unknown sealed value format");
  }
  size_t kid_len = static_cast<unsigned char>(sealed[1]);
  if (sealed.size() < 2 + kid_len + kAeadNonceBytes + kAeadTagBytes) {
    return absl::DataLossError("sealed value truncated");
  }
  absl::string_view kid = sealed.substr(2, kid_len);
  auto it = keys_.find(kid);
  if (it == keys_.end()) return absl::FailedPreconditionError("sealed with an unknown key id");
  absl::string_view nonce = sealed.substr(2 + kid_len, kAeadNonceBytes);
  return Aes256GcmOpen(it->second, nonce, sealed.substr(2 + kid_len + kAeadNonceBytes), aad);
}

}  // namespace laso::crypto
