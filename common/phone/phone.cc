#include "common/phone/phone.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"

namespace laso::phone {
namespace {

absl::Status Invalid() {
  return InvalidField("phone", "Số điện thoại không hợp lệ. Ví dụ đúng: 0987654321.");
}

}  // namespace

absl::StatusOr<std::string> Normalize(absl::string_view input) {
  if (input.size() > 32) return Invalid();
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < input.size(); ++i) {
    char c = input[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')') {
      continue;  // separators people type
    } else {
      return Invalid();
    }
  }
  // The national significant number (without the trunk 0 or the country code).
  std::string national;
  if (plus) {
    if (!absl::StartsWith(digits, "84")) return Invalid();  // only Vietnamese numbers
    national = digits.substr(2);
  } else if (absl::StartsWith(digits, "0084")) {
    national = digits.substr(4);
  } else if (absl::StartsWith(digits, "0")) {
    national = digits.substr(1);
  } else if (absl::StartsWith(digits, "84") && (digits.size() == 11 || digits.size() == 12)) {
    national = digits.substr(2);
  } else {
    return Invalid();
  }
  // "+84 0987..." is a common mistake; the trunk 0 after the country code is dropped.
  if (absl::StartsWith(national, "0") && national.size() == 10) national = national.substr(1);

  bool mobile = national.size() == 9 && (national[0] == '3' || national[0] == '5' ||
                                         national[0] == '7' || national[0] == '8' || national[0] == '9');
  bool fixed = national.size() == 10 && national[0] == '2';
  if (!mobile && !fixed) return Invalid();
  return absl::StrCat("84", national);
}

std::string ToNational(absl::string_view normalized) {
  if (!absl::StartsWith(normalized, "84")) return std::string(normalized);
  return absl::StrCat("0", normalized.substr(2));
}

std::string MaskForDisplay(absl::string_view normalized) {
  std::string national = ToNational(normalized);
  if (national.size() < 7) return std::string(national.size(), '*');
  return absl::StrCat(national.substr(0, 4), std::string(national.size() - 7, '*'),
                      national.substr(national.size() - 3));
}

}  // namespace laso::phone
