#pragma once

// An HTTP request as gateway targets read their input:
//   METHOD SP TARGET LF CONTENT-TYPE LF BODY
// e.g. "POST /v1/feedback?x=1\napplication/json\n{...}". Inputs without the
// two line breaks are not requests and are skipped.
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "common/http/url.h"

namespace laso::fuzz {

struct Request {
  std::string method;
  std::string path;
  http::QueryParams query;
  bool query_ok = false;
  std::string content_type;
  std::string body;
};

inline std::optional<Request> ReadRequest(absl::string_view in) {
  size_t line1 = in.find('\n');
  if (line1 == absl::string_view::npos) return std::nullopt;
  size_t line2 = in.find('\n', line1 + 1);
  if (line2 == absl::string_view::npos) return std::nullopt;
  absl::string_view start = in.substr(0, line1);
  size_t space = start.find(' ');
  if (space == absl::string_view::npos) return std::nullopt;
  Request r;
  r.method = std::string(start.substr(0, space));
  auto [path, query] = http::SplitTarget(start.substr(space + 1));
  r.path = std::string(path);
  auto params = http::ParseQuery(query);
  r.query_ok = params.ok();
  if (params.ok()) r.query = std::move(*params);
  r.content_type = std::string(in.substr(line1 + 1, line2 - line1 - 1));
  r.body = std::string(in.substr(line2 + 1));
  return r;
}

}  // namespace laso::fuzz
