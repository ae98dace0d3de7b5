#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace laso::dossier {

// A dossier code as printed on the receipt: {agency code}-{yymmdd}-{sequence},
// e.g. "H15.50.05.13-261008-0975". Surrounding spaces are dropped and letters
// uppercased (codes are case-insensitive); anything else is INVALID_ARGUMENT
// on field "code".
absl::StatusOr<std::string> NormalizeDossierCode(absl::string_view input);

}  // namespace laso::dossier
