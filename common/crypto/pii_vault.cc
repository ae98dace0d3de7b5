#include "common/crypto/pii_vault.h"

#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/crypto/key_file.h"

namespace laso::crypto {

absl::StatusOr<PiiVault> PiiVault::Open(const std::string& data_dir, const std::string& name, const Clock* clock,
                                        MissingKey missing) {
  return OpenIn(absl::StrCat(data_dir, "/keys"), name, clock, missing);
}

absl::StatusOr<PiiVault> PiiVault::OpenIn(const std::string& keys_dir, const std::string& name, const Clock* clock,
                                          MissingKey missing) {
  auto seal_keys =
      LoadOrCreateKeyFile(absl::StrCat(keys_dir, "/", name, "-seal.key"), kAeadKeyBytes, clock->Now(), missing);
  if (!seal_keys.ok()) return seal_keys.status();
  auto lookup_keys =
      LoadOrCreateKeyFile(absl::StrCat(keys_dir, "/", name, "-lookup.key"), kLookupKeyBytes, clock->Now(), missing);
  if (!lookup_keys.ok()) return lookup_keys.status();
  Keyring ring;
  for (const NamedKey& key : *seal_keys) {
    if (auto s = ring.Add(key.id, key.secret); !s.ok()) return s;
  }
  return PiiVault(std::move(ring), lookup_keys->front().secret);
}

absl::StatusOr<std::string> PiiVault::Seal(absl::string_view value, absl::string_view context) const {
  return sealing_.Seal(value, context);
}

absl::StatusOr<std::string> PiiVault::Unseal(absl::string_view sealed, absl::string_view context) const {
  return sealing_.Open(sealed, context);
}

std::string PiiVault::LookupHash(absl::string_view value) const { return Hex(lookup_.Sign(value)); }

}  // namespace laso::crypto
