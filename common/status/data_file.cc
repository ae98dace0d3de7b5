#include "common/status/data_file.h"

#include <fstream>
#include <sstream>

namespace laso {

absl::StatusOr<std::string> ReadDataFile(const std::string& path, absl::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", what, " ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace laso
