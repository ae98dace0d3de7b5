// Phone normalisation: whatever people type (or an attacker sends) is either
// refused as INVALID_ARGUMENT or becomes a Vietnamese number in Zalo's form,
// and the forms convert into each other without drift.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/phone/phone.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace laso;
  absl::string_view input = fuzz::AsText(data, size);
  auto normalized = phone::Normalize(input);
  if (!normalized.ok()) {
    LASO_FUZZ_CHECK(normalized.status().code() == absl::StatusCode::kInvalidArgument, normalized.status().ToString());
    return 0;
  }
  const std::string& n = *normalized;
  LASO_FUZZ_CHECK(n.size() == 11 || n.size() == 12, n);
  LASO_FUZZ_CHECK(n.rfind("84", 0) == 0, n);
  for (char c : n) LASO_FUZZ_CHECK(absl::ascii_isdigit(static_cast<unsigned char>(c)), n);
  // Normal forms are fixed points, and every display form reads back the same.
  LASO_FUZZ_CHECK(phone::Normalize(n).value_or("") == n, n);
  LASO_FUZZ_CHECK(phone::Normalize(absl::StrCat("+", n)).value_or("") == n, n);
  std::string national = phone::ToNational(n);
  LASO_FUZZ_CHECK(national.size() == n.size() - 1 && national[0] == '0', national);
  LASO_FUZZ_CHECK(phone::Normalize(national).value_or("") == n, national);
  std::string masked = phone::MaskForDisplay(n);
  LASO_FUZZ_CHECK(masked.size() == national.size(), masked);
  LASO_FUZZ_CHECK(masked.find('*') != std::string::npos, masked);
  return 0;
}
