#include "common/pg/uri.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace laso::pg {

bool IsPostgresUri(absl::string_view value) {
  return absl::StartsWith(value, "postgresql://") || absl::StartsWith(value, "postgres://");
}

std::string RedactUri(absl::string_view uri) {
  std::string out(uri);
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t at = out.find('@', start);
    size_t slash = out.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    size_t end = out.find('&', p);
    out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "***");
  }
  return out;
}

}  // namespace laso::pg
