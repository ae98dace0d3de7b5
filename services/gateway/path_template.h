#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace laso::gateway {

// A google.api.http path template:
//   Template = "/" Segments [ ":" Verb ]
//   Segment  = "*" | "**" | LITERAL | "{" FieldPath [ "=" Segments ] "}"
// e.g. "/v1/dossiers/{code}", "/v1/{name=shelves/*/books/*}", "/v1/feedback/{id}:respond".
class PathTemplate {
 public:
  struct Binding {
    std::string field_path;  // "name", "book.id"
    std::string value;       // percent-decoded
  };

  // A request path split and percent-decoded once, for matching against many templates.
  struct SplitPath {
    bool valid = false;
    std::vector<std::string> segments;          // all segments
    std::string verb;                           // text after the last ':' of the last segment
    std::vector<std::string> segments_no_verb;  // segments with ":verb" cut off the last one
    static SplitPath Of(absl::string_view path);
  };

  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // The variable bindings when the request path (without query) matches.
  std::optional<std::vector<Binding>> Match(absl::string_view path) const { return Match(SplitPath::Of(path)); }
  std::optional<std::vector<Binding>> Match(const SplitPath& path) const;

  const std::string& text() const { return text_; }
  const std::string& verb() const { return verb_; }
  std::vector<std::string> FieldPaths() const;
  // Orders overlapping templates: more literal segments first, verbs first.
  int Specificity() const;

 private:
  enum class Kind { kLiteral, kStar, kDoubleStar };
  struct Segment {
    Kind kind;
    std::string literal;
  };
  struct Variable {
    std::string field_path;
    size_t begin;  // segment range [begin, end)
    size_t end;
  };

  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

}  // namespace laso::gateway
