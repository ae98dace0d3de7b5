#include "services/privacy/erased_sessions.h"

#include "absl/strings/str_cat.h"
#include "common/auth/revocations.h"

namespace laso::privacy {

absl::Status ErasedSessions::Publish(const std::vector<std::pair<std::string, absl::Time>>& erased) {
  if (erased.empty()) return absl::OkStatus();
  redis::Command add = {"ZADD", auth::kRevokedKey};
  for (const auto& [key, at] : erased) {
    add.push_back(absl::StrCat(absl::ToUnixSeconds(at + token_life_) + 60));
    add.push_back(auth::ErasedMemberOfKey(key, at));
  }
  auto reply = redis_.Run(add);
  if (!reply.ok()) return reply.status();
  if (reply->IsError()) return absl::InternalError(absl::StrCat("publishing erased sessions: ", reply->str));
  return absl::OkStatus();
}

}  // namespace laso::privacy
