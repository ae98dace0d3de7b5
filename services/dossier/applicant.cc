#include "services/dossier/applicant.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/phone/phone.h"
#include "common/status/status.h"
#include "common/text/text.h"

namespace laso::dossier {
namespace {

std::string Context(absl::string_view what, const std::string& code) {
  return absl::StrCat("dossier.applicant_", what, "|", code);
}

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

}  // namespace

std::string ApplicantKeys::PhoneHash(const std::string& normalized_phone) const {
  return vault_.LookupHash(absl::StrCat("phone|", normalized_phone));
}

std::string ApplicantKeys::IdTailHash(const std::string& code, const std::string& last6) const {
  return vault_.LookupHash(absl::StrCat("id6|", code, "|", last6));
}

absl::StatusOr<SealedApplicant> ApplicantKeys::Seal(const std::string& code, const v1::Applicant& a) const {
  SealedApplicant out;
  if (!a.name().empty()) {
    if (auto s = text::ValidateText("applicant.name", a.name(), 1, 200); !s.ok()) return s;
    auto sealed = vault_.Seal(text::ToNfc(a.name()), Context("name", code));
    if (!sealed.ok()) return sealed.status();
    out.name = std::move(*sealed);
  }
  if (!a.phone().empty()) {
    auto phone = phone::Normalize(a.phone());
    if (!phone.ok()) return AddFieldViolation(absl::InvalidArgumentError("Số điện thoại người nộp không hợp lệ."),
                                              "applicant.phone", "not a Vietnamese phone number");
    auto sealed = vault_.Seal(*phone, Context("phone", code));
    if (!sealed.ok()) return sealed.status();
    out.phone = std::move(*sealed);
    out.phone_hash = PhoneHash(*phone);
  }
  if (!a.id_number().empty()) {
    const std::string& id = a.id_number();
    if (!AllDigits(id) || (id.size() != 9 && id.size() != 12)) {
      return InvalidField("applicant.idNumber", "Số CMND/CCCD phải có 9 hoặc 12 chữ số.");
    }
    auto sealed = vault_.Seal(id, Context("id", code));
    if (!sealed.ok()) return sealed.status();
    out.id_number = std::move(*sealed);
    out.id6_hash = IdTailHash(code, id.substr(id.size() - 6));
  }
  return out;
}

absl::StatusOr<std::string> ApplicantKeys::UnsealPhone(const std::string& code, const std::string& sealed) const {
  return vault_.Unseal(sealed, Context("phone", code));
}

}  // namespace laso::dossier
