#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/crypto/aead.h"
#include "common/crypto/hmac_key.h"
#include "common/crypto/key_file.h"
#include "common/time/clock.h"

namespace laso::crypto {

// Personal data at rest (names, phone numbers, ID numbers): each value sealed
// with AES-256-GCM under a rotating keyring, and beside it a keyed hash
// (HMAC-SHA256) so rows can be found by the value without decrypting anything.
// The hash key does not rotate: rotating it means re-hashing every row.
class PiiVault {
 public:
  // Keys from <data_dir>/keys/<name>-seal.key and <name>-lookup.key, created
  // (0600) on first use unless `missing` refuses.
  static absl::StatusOr<PiiVault> Open(const std::string& data_dir, const std::string& name, const Clock* clock,
                                       MissingKey missing = MissingKey::kCreate);
  // The same, from a keys directory named as such (keys.dir).
  static absl::StatusOr<PiiVault> OpenIn(const std::string& keys_dir, const std::string& name, const Clock* clock,
                                         MissingKey missing = MissingKey::kCreate);
  static constexpr size_t kLookupKeyBytes = 32;
  PiiVault(Keyring sealing, const std::string& lookup_key) : sealing_(std::move(sealing)), lookup_(lookup_key) {}

  // `context` names the value's place (e.g. "dossier.applicant_phone") and
  // must be given again to open it.
  absl::StatusOr<std::string> Seal(absl::string_view value, absl::string_view context) const;
  absl::StatusOr<std::string> Unseal(absl::string_view sealed, absl::string_view context) const;

  // Lowercase hex HMAC of a normalized value, for equality lookups.
  std::string LookupHash(absl::string_view value) const;

 private:
  Keyring sealing_;
  HmacSha256Key lookup_;
};

}  // namespace laso::crypto
