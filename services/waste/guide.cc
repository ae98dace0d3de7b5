#include "services/waste/guide.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/json/fields.h"
#include "common/status/data_file.h"
#include "common/text/text.h"

namespace laso::waste {

std::string SortingGuide::StreamLabel(v1::Stream s) {
  switch (s) {
    case v1::HOUSEHOLD: return "Rác sinh hoạt còn lại";
    case v1::RECYCLABLE: return "Rác tái chế";
    case v1::ORGANIC: return "Rác hữu cơ";
    case v1::BULKY: return "Rác cồng kềnh";
    default: return "";
  }
}

absl::StatusOr<SortingGuide> SortingGuide::Load(const std::string& path) {
  return LoadDataFile<SortingGuide>(path, "sorting guide", &SortingGuide::Parse);
}

absl::StatusOr<SortingGuide> SortingGuide::Parse(const std::string& json_text) {
  auto doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("items") || !doc["items"].is_array()) {
    return absl::InvalidArgumentError("the guide needs {\"items\": [...]}");
  }
  SortingGuide g;
  for (const auto& j : doc["items"]) {
    Entry e;
    e.item.set_name(JsonText(j, "name"));
    v1::Stream stream;
    if (e.item.name().empty() || !v1::Stream_Parse(JsonText(j, "stream"), &stream)) {
      return absl::InvalidArgumentError(absl::StrCat("item without a name or a known stream: ", j.dump()));
    }
    e.item.set_stream(stream);
    e.item.set_stream_label(StreamLabel(stream));
    e.item.set_instructions(JsonText(j, "instructions"));
    e.folded.push_back(text::FoldForSearch(e.item.name()));
    if (j.contains("aliases") && j["aliases"].is_array()) {
      for (const auto& a : j["aliases"]) {
        if (!a.is_string()) continue;
        e.item.add_aliases(a.get<std::string>());
        e.folded.push_back(text::FoldForSearch(a.get<std::string>()));
      }
    }
    g.items_.push_back(std::move(e));
  }
  if (doc.contains("rules") && doc["rules"].is_array()) {
    for (const auto& j : doc["rules"]) {
      v1::SortingRule r;
      v1::Stream stream;
      if (!v1::Stream_Parse(JsonText(j, "stream"), &stream)) continue;
      r.set_stream(stream);
      r.set_label(JsonText(j, "label"));
      r.set_rule(JsonText(j, "rule"));
      g.rules_.push_back(std::move(r));
    }
  }
  return g;
}

std::vector<v1::GuideItem> SortingGuide::Search(const std::string& query, size_t limit) const {
  std::string q = text::FoldForSearch(query);
  std::vector<std::pair<int, const Entry*>> hits;
  if (q.empty()) return {};
  for (const Entry& e : items_) {
    int best = -1;
    for (size_t i = 0; i < e.folded.size(); ++i) {
      const std::string& f = e.folded[i];
      int score = f == q                                            ? 4
                  : absl::StartsWith(f, q)                          ? 3
                  : absl::StrContains(f, absl::StrCat(" ", q))      ? 2
                  : absl::StrContains(f, q)                         ? 1
                                                                    : -1;
      if (score > 0 && i == 0) score += 1;  // the item's own name beats an alias
      best = std::max(best, score);
    }
    if (best > 0) hits.emplace_back(best, &e);
  }
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<v1::GuideItem> out;
  for (const auto& [score, e] : hits) {
    if (out.size() == limit) break;
    out.push_back(e->item);
  }
  return out;
}

std::vector<v1::SortingRule> SortingGuide::RulesFor(const std::vector<v1::Stream>& streams) const {
  std::vector<v1::SortingRule> out;
  for (const auto& r : rules_) {
    if (std::find(streams.begin(), streams.end(), r.stream()) != streams.end()) out.push_back(r);
  }
  return out;
}

}  // namespace laso::waste
