#include "common/log/redact.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace laso::log {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string MaskDigits(absl::string_view digits) {
  // Keep enough to tell numbers apart in an incident, not enough to call anyone
  // (or, for a Zalo id, to find them).
  size_t kept = digits.size() > 15 ? 4 : digits.size() - 6;
  std::string out(digits.substr(0, kept));
  out += "***";
  out.append(digits.substr(digits.size() - 3).data(), 3);
  return out;
}

}  // namespace

std::string MaskPhones(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsDigit(text[j])) ++j;
    absl::string_view run = text.substr(i, j - i);
    bool phone_like = run.size() >= 9 && run.size() <= 20;
    out += phone_like ? MaskDigits(run) : std::string(run);
    i = j;
  }
  return out;
}

bool IsSecretKey(absl::string_view key) {
  static constexpr std::array<absl::string_view, 13> kSecretWords = {
      "token", "secret", "password", "authorization", "cookie", "body", "signature",
      "mac", "id_number", "idnumber", "api_key", "private", "proof"};
  std::string lower = absl::AsciiStrToLower(key);
  for (absl::string_view word : kSecretWords) {
    if (absl::StrContains(lower, word)) return true;
  }
  return false;
}

bool IsPhoneKey(absl::string_view key) {
  return absl::StrContains(absl::AsciiStrToLower(key), "phone");
}

}  // namespace laso::log
