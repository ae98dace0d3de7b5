#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

// The revocation list every gateway reads: a Redis sorted set of revoked
// session and machine-token ids ("s:<session>", "t:<token>") scored by the
// unix second until which a token naming them could still be presented. The
// staff service, which owns the records, writes it (and rewrites it from its
// database, so a Redis that lost it heals); gateways poll it.
//
// The privacy service adds erased residents ("e:<key>:<unix second of the
// erasure>"): every token of that resident issued up to then is refused, and a
// new sign-in afterwards is a new person. The key is a hash of the subject,
// kept only as long as a token from before could live.
namespace laso::auth {

inline constexpr char kRevokedKey[] = "laso:auth:revoked";
// Present only once the staff service has written the whole list since Redis
// last lost it: without it a gateway cannot tell "nothing revoked" from "forgotten".
inline constexpr char kCompleteMember[] = "@complete";
inline constexpr char kCompleteScore[] = "1e15";  // never expires: removed only with the key

// The member for a resident erased at `at`.
std::string ErasedMember(absl::string_view subject, absl::Time at);
// The key of a resident's subject in erased members, and the member of a key.
std::string ErasedKey(absl::string_view subject);
std::string ErasedMemberOfKey(absl::string_view key, absl::Time at);

struct ErasedEntry {
  std::string key;
  absl::Time at;
};
// An "e:" member read back; nullopt for any other member.
std::optional<ErasedEntry> ParseErasedMember(absl::string_view member);

}  // namespace laso::auth
