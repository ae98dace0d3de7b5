#include "common/auth/revocations.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/crypto/hash.h"

namespace laso::auth {

std::string ErasedKey(absl::string_view subject) {
  return crypto::Hex(crypto::Sha256(absl::StrCat("laso-erased-session:", subject)));
}

std::string ErasedMemberOfKey(absl::string_view key, absl::Time at) {
  return absl::StrCat("e:", key, ":", absl::ToUnixSeconds(at));
}

std::string ErasedMember(absl::string_view subject, absl::Time at) { return ErasedMemberOfKey(ErasedKey(subject), at); }

std::optional<ErasedEntry> ParseErasedMember(absl::string_view member) {
  if (!absl::ConsumePrefix(&member, "e:")) return std::nullopt;
  size_t colon = member.rfind(':');
  if (colon == absl::string_view::npos) return std::nullopt;
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(member.substr(colon + 1), &seconds)) return std::nullopt;
  return ErasedEntry{std::string(member.substr(0, colon)), absl::FromUnixSeconds(seconds)};
}

}  // namespace laso::auth
