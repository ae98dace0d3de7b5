#include "common/status/page_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"

namespace laso {

std::string EncodePageToken(int64_t before_seq) {
  std::string out;
  absl::WebSafeBase64Escape(absl::StrCat("f1|", before_seq), &out);
  return out;
}

absl::StatusOr<int64_t> DecodePageToken(const std::string& token) {
  if (token.empty()) return 0;
  std::string raw;
  int64_t seq = 0;
  if (token.size() > 64 || !absl::WebSafeBase64Unescape(token, &raw) || !absl::StartsWith(raw, "f1|") ||
      !absl::SimpleAtoi(raw.substr(3), &seq) || seq <= 0) {
    return InvalidField("pageToken", "pageToken không hợp lệ.");
  }
  return seq;
}

absl::StatusOr<int> PageSize(int requested, int fallback, int max) {
  if (requested < 0) return InvalidField("pageSize", "pageSize không được âm.");
  if (requested == 0) return fallback;
  return std::min(requested, max);
}

}  // namespace laso
