#include "tools/laso/report.h"

#include <cstdio>
#include <string>

namespace laso::cli {

int ReportFailure(const absl::Status& status) {
  std::fprintf(stderr, "laso: %s\n", std::string(status.message()).c_str());
  return 1;
}

}  // namespace laso::cli
