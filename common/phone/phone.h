#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// Vietnamese phone numbers, stored as Zalo uses them: E.164 without '+'
// ("84987654321"). "0987654321", "+84 98 765 43 21", "(+84) 987.654.321" and
// "84987654321" all normalise to that.
namespace laso::phone {

// INVALID_ARGUMENT (field "phone", message in Vietnamese) for anything that is
// not a Vietnamese mobile number (03x, 05x, 07x, 08x, 09x) or fixed line (02xx).
absl::StatusOr<std::string> Normalize(absl::string_view input);

// For display to the owner: "84987654321" -> "0987***321".
std::string MaskForDisplay(absl::string_view normalized);

// National form for people: "84987654321" -> "0987654321".
std::string ToNational(absl::string_view normalized);

}  // namespace laso::phone
