#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace laso::billing {

// A name as a public bill lookup shows it: enough to recognise, too little to
// learn. "Nguyễn Văn An" -> "Ng*** V** A": the first word keeps two letters,
// middle words one, the last word its initial.
std::string MaskName(absl::string_view name);

}  // namespace laso::billing
