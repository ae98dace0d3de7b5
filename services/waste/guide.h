#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "laso/waste/v1/waste.pb.h"

namespace laso::waste {

// "What goes where": items with the stream they belong to and how to put them
// out, from a data file, searched without regard to case or diacritics ("pin"
// finds "Pin, ắc quy"); names starting with the words come first.
class SortingGuide {
 public:
  static absl::StatusOr<SortingGuide> Load(const std::string& path);
  static absl::StatusOr<SortingGuide> Parse(const std::string& json);

  std::vector<v1::GuideItem> Search(const std::string& query, size_t limit = 20) const;
  std::vector<v1::SortingRule> RulesFor(const std::vector<v1::Stream>& streams) const;
  size_t size() const { return items_.size(); }

  static std::string StreamLabel(v1::Stream stream);

 private:
  struct Entry {
    v1::GuideItem item;
    std::vector<std::string> folded;  // name first, then aliases
  };
  std::vector<Entry> items_;
  std::vector<v1::SortingRule> rules_;
};

}  // namespace laso::waste
