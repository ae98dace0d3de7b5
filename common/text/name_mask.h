#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace laso::text {

// A name as the public sees it (a bill lookup, a 1022 report): enough to recognise, too little to
// learn. "Nguyễn Văn An" -> "Ng*** V** A": the first word keeps two letters,
// middle words one, the last word its initial.
std::string MaskName(absl::string_view name);

}  // namespace laso::text
