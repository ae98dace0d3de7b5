#include "services/gateway/json_time.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/time/time.h"

namespace laso::gateway {
namespace {

// "YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z", the only form protobuf's printer emits.
bool LooksLikeUtcTimestamp(absl::string_view s) {
  if (s.size() < 20 || s.size() > 30 || s.back() != 'Z') return false;
  static constexpr char kShape[] = "dddd-dd-ddTdd:dd:dd";
  for (size_t i = 0; i < 19; ++i) {
    if (kShape[i] == 'd' ? !absl::ascii_isdigit(s[i]) : s[i] != kShape[i]) return false;
  }
  if (s.size() == 20) return true;
  if (s[19] != '.') return false;
  for (size_t i = 20; i + 1 < s.size(); ++i) {
    if (!absl::ascii_isdigit(s[i])) return false;
  }
  return s.size() > 21;
}

}  // namespace

bool ParseUtcOffset(absl::string_view text, int* minutes) {
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return false;
  int h, m;
  if (!absl::SimpleAtoi(text.substr(1, 2), &h) || !absl::SimpleAtoi(text.substr(4, 2), &m) || h > 14 || m > 59) {
    return false;
  }
  *minutes = (text[0] == '-' ? -1 : 1) * (h * 60 + m);
  return true;
}

std::string LocalizeTimestamps(absl::string_view json, int offset_minutes) {
  if (offset_minutes == 0) return std::string(json);
  absl::TimeZone zone = absl::FixedTimeZone(offset_minutes * 60);
  std::string out;
  out.reserve(json.size() + 64);
  size_t i = 0;
  while (i < json.size()) {
    char c = json[i];
    if (c != '"') {
      out.push_back(c);
      ++i;
      continue;
    }
    // A string token: find its end, honouring escapes.
    size_t j = i + 1;
    while (j < json.size() && json[j] != '"') j += json[j] == '\\' ? 2 : 1;
    absl::string_view content = json.substr(i + 1, std::min(j, json.size()) - i - 1);
    absl::Time t;
    std::string err;
    if (LooksLikeUtcTimestamp(content) &&
        absl::ParseTime("%Y-%m-%d%ET%H:%M:%E*S%Ez", std::string(content), &t, &err)) {
      out.push_back('"');
      out += absl::FormatTime("%Y-%m-%d%ET%H:%M:%E*S%Ez", t, zone);
      out.push_back('"');
    } else {
      absl::string_view token = json.substr(i, std::min(j + 1, json.size()) - i);
      out.append(token.data(), token.size());
    }
    i = j + 1;
  }
  return out;
}

}  // namespace laso::gateway
