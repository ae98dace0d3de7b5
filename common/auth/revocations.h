#pragma once

#include <string>

// The revocation list every gateway reads: a Redis sorted set of revoked
// session and machine-token ids ("s:<session>", "t:<token>") scored by the
// unix second until which a token naming them could still be presented. The
// staff service, which owns the records, writes it (and rewrites it from its
// database, so a Redis that lost it heals); gateways poll it.
namespace laso::auth {

inline constexpr char kRevokedKey[] = "laso:auth:revoked";
// Present only once the staff service has written the whole list since Redis
// last lost it: without it a gateway cannot tell "nothing revoked" from "forgotten".
inline constexpr char kCompleteMember[] = "@complete";
inline constexpr char kCompleteScore[] = "1e15";  // never expires: removed only with the key

}  // namespace laso::auth
