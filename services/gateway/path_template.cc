#include "services/gateway/path_template.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/http/url.h"

namespace laso::gateway {
namespace {

absl::Status Bad(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("path template \"", text, "\": ", why));
}

bool IsFieldPath(absl::string_view s) {
  if (s.empty()) return false;
  for (absl::string_view part : absl::StrSplit(s, '.')) {
    if (part.empty() || !(absl::ascii_isalpha(part[0]) || part[0] == '_')) return false;
    for (char c : part) {
      if (!absl::ascii_isalnum(c) && c != '_') return false;
    }
  }
  return true;
}

bool IsLiteral(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c == '/' || c == '{' || c == '}' || c == '*' || c == ':' || c == '=' || c == '?') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  PathTemplate t;
  t.text_ = std::string(text);
  if (text.empty() || text[0] != '/') return Bad(text, "must start with '/'");
  // The verb is the last ':' outside braces after the last '/' outside braces.
  int depth = 0;
  size_t last_slash = 0, verb_colon = absl::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{') ++depth;
    else if (c == '}') --depth;
    else if (depth == 0 && c == '/') last_slash = i, verb_colon = absl::string_view::npos;
    else if (depth == 0 && c == ':' && i > last_slash) verb_colon = i;
    if (depth < 0 || depth > 1) return Bad(text, "unbalanced or nested braces");
  }
  if (depth != 0) return Bad(text, "unbalanced braces");
  absl::string_view body = text.substr(1);
  if (verb_colon != absl::string_view::npos) {
    t.verb_ = std::string(text.substr(verb_colon + 1));
    if (!IsLiteral(t.verb_)) return Bad(text, "bad verb");
    body = text.substr(1, verb_colon - 1);
  }
  // Split on '/' outside braces.
  std::vector<std::string> parts;
  std::string current;
  depth = 0;
  for (char c : body) {
    if (c == '{') ++depth;
    if (c == '}') --depth;
    if (c == '/' && depth == 0) {
      parts.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  parts.push_back(current);

  auto add_plain = [&](absl::string_view s) -> absl::Status {
    if (s == "*") t.segments_.push_back({Kind::kStar, ""});
    else if (s == "**") t.segments_.push_back({Kind::kDoubleStar, ""});
    else if (IsLiteral(s)) t.segments_.push_back({Kind::kLiteral, std::string(s)});
    else return Bad(text, absl::StrCat("bad segment \"", s, "\""));
    return absl::OkStatus();
  };
  for (const std::string& part : parts) {
    if (!part.empty() && part.front() == '{') {
      if (part.back() != '}') return Bad(text, "a variable must be a whole segment");
      absl::string_view inner = absl::string_view(part).substr(1, part.size() - 2);
      size_t eq = inner.find('=');
      Variable var{std::string(inner.substr(0, eq)), t.segments_.size(), 0};
      if (!IsFieldPath(var.field_path)) return Bad(text, absl::StrCat("bad field path \"", var.field_path, "\""));
      if (eq == absl::string_view::npos) {
        t.segments_.push_back({Kind::kStar, ""});
      } else {
        for (absl::string_view sub : absl::StrSplit(inner.substr(eq + 1), '/')) {
          if (auto s = add_plain(sub); !s.ok()) return s;
        }
      }
      var.end = t.segments_.size();
      t.variables_.push_back(std::move(var));
    } else if (auto s = add_plain(part); !s.ok()) {
      return s;
    }
  }
  for (size_t i = 0; i + 1 < t.segments_.size(); ++i) {
    if (t.segments_[i].kind == Kind::kDoubleStar) return Bad(text, "'**' must be the last segment");
  }
  return t;
}

PathTemplate::SplitPath PathTemplate::SplitPath::Of(absl::string_view path) {
  SplitPath out;
  if (path.empty() || path[0] != '/') return out;
  absl::string_view rest = path.substr(1);
  auto decode_all = [](absl::string_view text, std::vector<std::string>* segments) {
    for (absl::string_view raw : absl::StrSplit(text, '/')) {
      auto segment = http::PercentDecode(raw, /*plus_is_space=*/false);
      if (!segment) return false;
      segments->push_back(std::move(*segment));
    }
    return true;
  };
  if (!decode_all(rest, &out.segments)) return out;
  size_t slash = rest.rfind('/');
  size_t colon = rest.rfind(':');
  if (colon != absl::string_view::npos && (slash == absl::string_view::npos || colon > slash)) {
    out.verb = std::string(rest.substr(colon + 1));
    if (!decode_all(rest.substr(0, colon), &out.segments_no_verb)) return out;
  }
  out.valid = true;
  return out;
}

std::optional<std::vector<PathTemplate::Binding>> PathTemplate::Match(const SplitPath& path) const {
  if (!path.valid) return std::nullopt;
  if (!verb_.empty() && path.verb != verb_) return std::nullopt;
  const std::vector<std::string>& decoded = verb_.empty() ? path.segments : path.segments_no_verb;
  // Which path segments each template segment consumed: [start, end).
  std::vector<std::pair<size_t, size_t>> spans;
  size_t j = 0;
  for (const Segment& seg : segments_) {
    switch (seg.kind) {
      case Kind::kLiteral:
        if (j >= decoded.size() || decoded[j] != seg.literal) return std::nullopt;
        spans.emplace_back(j, j + 1);
        ++j;
        break;
      case Kind::kStar:
        if (j >= decoded.size() || decoded[j].empty()) return std::nullopt;
        spans.emplace_back(j, j + 1);
        ++j;
        break;
      case Kind::kDoubleStar:
        spans.emplace_back(j, decoded.size());
        j = decoded.size();
        break;
    }
  }
  if (j != decoded.size()) return std::nullopt;
  std::vector<Binding> bindings;
  for (const Variable& var : variables_) {
    size_t from = spans[var.begin].first;
    size_t to = var.end > var.begin ? spans[var.end - 1].second : from;
    std::vector<absl::string_view> pieces(decoded.begin() + from, decoded.begin() + to);
    bindings.push_back({var.field_path, absl::StrJoin(pieces, "/")});
  }
  return bindings;
}

std::vector<std::string> PathTemplate::FieldPaths() const {
  std::vector<std::string> out;
  for (const Variable& v : variables_) out.push_back(v.field_path);
  return out;
}

int PathTemplate::Specificity() const {
  int score = verb_.empty() ? 0 : 1000;
  for (const Segment& s : segments_) score += s.kind == Kind::kLiteral ? 10 : (s.kind == Kind::kStar ? 1 : 0);
  return score;
}

}  // namespace laso::gateway
