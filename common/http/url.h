#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace laso::http {

// %XX decoding; '+' becomes a space only in query strings. Nullopt on a
// malformed escape.
std::optional<std::string> PercentDecode(absl::string_view in, bool plus_is_space);
std::string PercentEncode(absl::string_view in);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// "a=1&b=x%20y&a=2" -> {{a,1},{b,"x y"},{a,2}}; INVALID_ARGUMENT on bad escapes.
absl::StatusOr<QueryParams> ParseQuery(absl::string_view query);

// Splits a request target "/v1/x?y=1" into path and query (without '?').
std::pair<absl::string_view, absl::string_view> SplitTarget(absl::string_view target);

struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;
  std::string port;    // always set: 80/443 by default
  std::string target;  // path and query, at least "/"
};

absl::StatusOr<Url> ParseUrl(absl::string_view url);

}  // namespace laso::http
