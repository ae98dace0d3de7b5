#include "common/text/name_mask.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/text/text.h"

namespace laso::text {
namespace {

// The first n code points of a valid UTF-8 word.
std::string Prefix(absl::string_view word, size_t n) {
  size_t i = 0;
  for (size_t seen = 0; i < word.size() && seen < n; ++seen) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    i += c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  }
  return std::string(word.substr(0, std::min(i, word.size())));
}

}  // namespace

std::string MaskName(absl::string_view name) {
  if (!text::IsValidUtf8(name)) return "***";
  std::string nfc = text::ToNfc(name);
  std::vector<absl::string_view> words = absl::StrSplit(nfc, ' ', absl::SkipWhitespace());
  if (words.empty()) return "";
  if (words.size() == 1) return Prefix(words[0], 1) + "***";
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i == 0) {
      out.push_back(Prefix(words[i], 2) + "***");
    } else if (i + 1 < words.size()) {
      out.push_back(Prefix(words[i], 1) + "**");
    } else {
      out.push_back(Prefix(words[i], 1));
    }
  }
  return absl::StrJoin(out, " ");
}

std::string MaskPhone(absl::string_view phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return absl::StrCat(phone.substr(0, 2), std::string(phone.size() - 5, '*'), phone.substr(phone.size() - 3));
}

}  // namespace laso::text
