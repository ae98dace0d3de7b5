#include "services/staff/revocation_publisher.h"

#include "absl/strings/str_cat.h"
#include "common/auth/revocations.h"
#include "common/log/log.h"

namespace laso::staff {

absl::Status RevocationPublisher::Publish() {
  absl::Time now = clock_->Now();
  // Tokens carry whole seconds and gateways allow 30 s of clock skew: keep each entry a minute longer.
  auto revoked = store_.Revocations(now, access_ttl_ + absl::Minutes(1));
  if (!revoked.ok()) return revoked.status();
  redis::Command add = {"ZADD", auth::kRevokedKey};
  for (const Revocation& r : *revoked) {
    add.push_back(absl::StrCat(absl::ToUnixSeconds(r.until) + 60));
    add.push_back(r.id);
  }
  add.push_back(auth::kCompleteScore);
  add.push_back(auth::kCompleteMember);
  auto replies = redis_.Pipeline({{"MULTI"},
                                  {"ZREMRANGEBYSCORE", auth::kRevokedKey, "-inf", absl::StrCat("(", absl::ToUnixSeconds(now))},
                                  add,
                                  {"EXEC"}});
  if (!replies.ok()) return replies.status();
  for (const redis::Reply& r : *replies) {
    if (r.IsError()) return absl::InternalError(absl::StrCat("publishing revocations: ", r.str));
  }
  return absl::OkStatus();
}

void RevocationPublisher::PublishAfterRevoking() {
  if (auto s = Publish(); !s.ok()) log::Warn("revocation not published yet", {{"error", std::string(s.message())}});
}

}  // namespace laso::staff
