#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/crypto/pii_vault.h"
#include "services/dossier/dossier_store.h"

namespace laso::dossier {

// The applicant's identity as laso may keep it: sealed, with the keyed hashes
// that verify a lookup. Domain-separated inputs keep the hashes of a phone, an
// ID tail and a code from ever colliding.
class ApplicantKeys {
 public:
  explicit ApplicantKeys(const crypto::PiiVault& vault) : vault_(vault) {}

  // Validates (phone normalized, ID number 9 or 12 digits, name 1-200
  // characters) and seals; INVALID_ARGUMENT names the field.
  absl::StatusOr<SealedApplicant> Seal(const std::string& code, const v1::Applicant& applicant) const;
  absl::StatusOr<std::string> UnsealPhone(const std::string& code, const std::string& sealed) const;

  std::string PhoneHash(const std::string& normalized_phone) const;
  std::string IdTailHash(const std::string& code, const std::string& last6) const;

 private:
  const crypto::PiiVault& vault_;
};

}  // namespace laso::dossier
