#include "common/config/value_parsing.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace laso::config {

bool ParseBool(absl::string_view text, bool* out) {
  std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") {
    *out = true;
    return true;
  }
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") {
    *out = false;
    return true;
  }
  return false;
}

bool ParseDurationWithDays(absl::string_view text, absl::Duration* out) {
  text = absl::StripAsciiWhitespace(text);
  absl::Duration days = absl::ZeroDuration();
  size_t d = text.find('d');
  if (d != absl::string_view::npos) {
    int64_t n;
    if (!absl::SimpleAtoi(text.substr(0, d), &n) || n < 0) return false;
    days = absl::Hours(24 * n);
    text = text.substr(d + 1);
    if (text.empty()) {
      *out = days;
      return true;
    }
  }
  absl::Duration rest;
  if (!absl::ParseDuration(text, &rest) || rest < absl::ZeroDuration()) return false;
  *out = days + rest;
  return true;
}

std::vector<std::string> SplitList(absl::string_view text) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    out.emplace_back(absl::StripAsciiWhitespace(part));
  }
  return out;
}

bool ParseAddress(absl::string_view text, std::string* host, int* port) {
  size_t colon = text.rfind(':');
  if (colon == absl::string_view::npos || colon == 0) return false;
  absl::string_view h = text.substr(0, colon);
  if (absl::StartsWith(h, "[")) {
    if (!absl::EndsWith(h, "]")) return false;
    h = h.substr(1, h.size() - 2);
  }
  int p;
  if (h.empty() || !absl::SimpleAtoi(text.substr(colon + 1), &p) || p < 0 || p > 65535) return false;
  *host = std::string(h);
  *port = p;
  return true;
}

bool IsEndpoint(absl::string_view text) {
  std::string host;
  int port;
  if (ParseAddress(text, &host, &port)) return true;
  // sockaddr_un holds 108 bytes with the terminating NUL.
  absl::string_view path = text.substr(std::min(text.size(), sizeof("unix:") - 1));
  return absl::StartsWith(text, "unix:/") && path.size() < 108;
}

bool ParseRate(absl::string_view text, int64_t* tokens, absl::Duration* period) {
  if (text == "off" || text == "0") {
    *tokens = 0;
    *period = absl::Minutes(1);
    return true;
  }
  size_t slash = text.find('/');
  return slash != absl::string_view::npos && absl::SimpleAtoi(text.substr(0, slash), tokens) && *tokens > 0 &&
         ParseDurationWithDays(text.substr(slash + 1), period) && *period > absl::ZeroDuration();
}

absl::Status ValidateValue(const Key& key, absl::string_view text) {
  auto bad = [&](absl::string_view expected) {
    return absl::InvalidArgumentError(absl::StrCat("config key '", key.name, "': ",
                                                   key.secret ? "(secret)" : absl::StrCat("\"", text, "\""),
                                                   " is not ", expected));
  };
  switch (key.type) {
    case Type::kString:
      return absl::OkStatus();
    case Type::kInt: {
      int64_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("an integer");
      if (v < key.min || v > key.max) return bad(absl::StrCat("between ", key.min, " and ", key.max));
      return absl::OkStatus();
    }
    case Type::kBool: {
      bool v;
      return ParseBool(text, &v) ? absl::OkStatus() : bad("true or false");
    }
    case Type::kDuration: {
      absl::Duration v;
      return ParseDurationWithDays(text, &v) ? absl::OkStatus() : bad("a duration like 250ms, 5s, 2h or 30d");
    }
    case Type::kStringList:
      if (key.addresses) {
        for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
          std::string host;
          int port;
          if (!ParseAddress(absl::StripAsciiWhitespace(item), &host, &port)) return bad("a list of host:port");
        }
      }
      return absl::OkStatus();
    case Type::kEnum:
      for (const auto& choice : key.choices) {
        if (text == choice) return absl::OkStatus();
      }
      return bad(absl::StrCat("one of: ", absl::StrJoin(key.choices, ", ")));
    case Type::kRate: {
      int64_t tokens;
      absl::Duration period;
      return ParseRate(text, &tokens, &period) ? absl::OkStatus() : bad("a rate like 60/1m, or off");
    }
    case Type::kAddress: {
      std::string host;
      int port;
      return ParseAddress(text, &host, &port) ? absl::OkStatus() : bad("host:port");
    }
    case Type::kEndpoint:
      return IsEndpoint(text) ? absl::OkStatus() : bad("host:port or unix:/absolute/path");
  }
  return absl::OkStatus();
}

}  // namespace laso::config
