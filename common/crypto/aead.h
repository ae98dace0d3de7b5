#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// AES-256-GCM for data at rest, with key ids so keys can rotate: new data is
// sealed with the primary key, old data still opens with the key it names.
namespace laso::crypto {

inline constexpr size_t kAeadKeyBytes = 32;
inline constexpr size_t kAeadNonceBytes = 12;
inline constexpr size_t kAeadTagBytes = 16;

// The primitive: returns ciphertext || tag.
absl::StatusOr<std::string> Aes256GcmSeal(absl::string_view key, absl::string_view nonce,
                                          absl::string_view plaintext, absl::string_view aad);
// Takes ciphertext || tag; DATA_LOSS when the tag does not verify.
absl::StatusOr<std::string> Aes256GcmOpen(absl::string_view key, absl::string_view nonce,
                                          absl::string_view sealed, absl::string_view aad);

class Keyring {
 public:
  // The last key added is the primary unless SetPrimary says otherwise.
  absl::Status Add(absl::string_view kid, absl::string_view key);
  absl::Status SetPrimary(absl::string_view kid);
  const std::string& primary_kid() const { return primary_; }
  bool empty() const { return keys_.empty(); }

  // Output: version byte, kid length, kid, random nonce, ciphertext, tag. The aad
  // binds the value to its place (e.g. "dossier.applicant_phone") so a sealed
  // value copied into another column does not open.
  absl::StatusOr<std::string> Seal(absl::string_view plaintext, absl::string_view aad) const;
  absl::StatusOr<std::string> Open(absl::string_view sealed, absl::string_view aad) const;

 private:
  std::map<std::string, std::string, std::less<>> keys_;
  std::string primary_;
};

}  // namespace laso::crypto
