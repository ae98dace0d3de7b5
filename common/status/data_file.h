#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace laso {

// The whole text of a data file a process loads at start (templates, tariffs,
// outlines); NOT_FOUND naming what it is and where it was looked for.
absl::StatusOr<std::string> ReadDataFile(const std::string& path, absl::string_view what);

// Reads and parses a data file; a parse error is prefixed with the path.
//   auto guide = LoadDataFile<SortingGuide>(path, "sorting guide", &SortingGuide::Parse);
template <typename T, typename Parse>
absl::StatusOr<T> LoadDataFile(const std::string& path, absl::string_view what, Parse parse) {
  auto text = ReadDataFile(path, what);
  if (!text.ok()) return text.status();
  absl::StatusOr<T> parsed = parse(*text);
  if (!parsed.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", parsed.status().message()));
  return parsed;
}

}  // namespace laso
