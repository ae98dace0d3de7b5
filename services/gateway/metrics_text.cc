#include "services/gateway/metrics_text.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace laso::gateway {
namespace {

struct Family {
  std::string help;
  std::string type;
  std::vector<std::string> samples;
};

std::string Labelled(absl::string_view line, const std::string& label) {
  size_t brace = line.find('{');
  size_t space = line.find(' ');
  if (brace != absl::string_view::npos && brace < space) {
    return absl::StrCat(line.substr(0, brace + 1), label, ",", line.substr(brace + 1));
  }
  if (space == absl::string_view::npos) return std::string(line);
  return absl::StrCat(line.substr(0, space), "{", label, "}", line.substr(space));
}

}  // namespace

std::string MergeMetrics(const std::map<std::string, std::string>& text_by_service) {
  std::vector<std::string> order;
  std::map<std::string, Family> families;
  for (const auto& [service, text] : text_by_service) {
    std::string label = absl::StrCat("service=\"", service, "\"");
    std::string current;
    for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
      if (absl::StartsWith(line, "# HELP ") || absl::StartsWith(line, "# TYPE ")) {
        std::vector<absl::string_view> words = absl::StrSplit(line, absl::MaxSplits(' ', 3));
        if (words.size() < 3) continue;
        current = std::string(words[2]);
        if (!families.count(current)) order.push_back(current);
        Family& f = families[current];
        (absl::StartsWith(line, "# HELP ") ? f.help : f.type) = std::string(line);
        continue;
      }
      if (line[0] == '#') continue;
      std::string name(line.substr(0, line.find_first_of("{ ")));
      if (current.empty() || !absl::StartsWith(name, current)) {
        current = name;
        if (!families.count(current)) order.push_back(current);
      }
      families[current].samples.push_back(Labelled(line, label));
    }
  }
  std::string out;
  for (const std::string& name : order) {
    const Family& f = families[name];
    if (!f.help.empty()) absl::StrAppend(&out, f.help, "\n");
    if (!f.type.empty()) absl::StrAppend(&out, f.type, "\n");
    for (const auto& s : f.samples) absl::StrAppend(&out, s, "\n");
  }
  return out;
}

}  // namespace laso::gateway
