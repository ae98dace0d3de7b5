#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace laso::text {

// A name as the public sees it (a bill lookup, a 1022 report): enough to recognise, too little to
// learn. "Nguyễn Văn An" -> "Ng*** V** A": the first word keeps two letters,
// middle words one, the last word its initial.
std::string MaskName(absl::string_view name);

// A phone number as staff see it before they reveal it: the country code and
// the last three digits. "84901234567" -> "84******567"; short ones all masked.
std::string MaskPhone(absl::string_view phone);

}  // namespace laso::text
