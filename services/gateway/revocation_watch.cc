#include "services/gateway/revocation_watch.h"

#include "absl/strings/str_cat.h"
#include "common/auth/revocations.h"
#include "common/metrics/metrics.h"

namespace laso::gateway {
namespace {

metrics::GaugeFamily& ListAge() {
  static auto& f = metrics::Registry::Default().Gauge(
      "laso_gateway_revocations_complete_at_seconds",
      "When this gateway last read a complete revocation list (unix seconds); staff tokens are refused when stale",
      {});
  return f;
}

}  // namespace

RevocationWatch::RevocationWatch(boost::asio::io_context& ioc, redis::AsioClient& redis, const Clock* clock,
                                 absl::Duration poll, absl::Duration max_age)
    : timer_(ioc), redis_(redis), clock_(clock), poll_(poll), max_age_(max_age),
      revoked_(std::make_shared<absl::flat_hash_set<std::string>>()),
      erased_(std::make_shared<absl::flat_hash_map<std::string, absl::Time>>()) {}

void RevocationWatch::Start() { Poll(); }

void RevocationWatch::WaitForFirstRead(absl::Duration timeout) { first_read_.WaitForNotificationWithTimeout(timeout); }

void RevocationWatch::Schedule() {
  timer_.expires_after(absl::ToChronoNanoseconds(poll_));
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (!error) Poll();
  });
}

void RevocationWatch::Poll() {
  absl::Time now = clock_->Now();
  redis_.Run({"ZRANGEBYSCORE", auth::kRevokedKey, absl::StrCat(absl::ToUnixSeconds(now)), "+inf"},
             [this, now](absl::StatusOr<redis::Reply> reply) {
               if (reply.ok() && reply->type == redis::Reply::Type::kArray) {
                 auto ids = std::make_shared<absl::flat_hash_set<std::string>>();
                 auto erased = std::make_shared<absl::flat_hash_map<std::string, absl::Time>>();
                 bool complete = false;
                 for (const redis::Reply& e : reply->elements) {
                   if (e.str == auth::kCompleteMember) {
                     complete = true;
                   } else if (auto entry = auth::ParseErasedMember(e.str)) {
                     absl::Time& at = (*erased)[entry->key];
                     at = std::max(at, entry->at);
                   } else {
                     ids->insert(e.str);
                   }
                 }
                 absl::MutexLock lock(&mu_);
                 // An incomplete list still revokes what it names; it only cannot vouch for the rest.
                 if (!complete) {
                   for (const std::string& id : *revoked_) ids->insert(id);
                   for (const auto& [key, at] : *erased_) {
                     absl::Time& kept = (*erased)[key];
                     kept = std::max(kept, at);
                   }
                 }
                 erased_ = std::move(erased);
                 revoked_ = std::move(ids);
                 if (complete) {
                   complete_at_ = now;
                   ListAge().Set({}, static_cast<double>(absl::ToUnixSeconds(now)));
                 }
               }
               if (!first_read_.HasBeenNotified()) first_read_.Notify();
               Schedule();
             });
}

bool RevocationWatch::Fresh() const {
  absl::MutexLock lock(&mu_);
  return clock_->Now() - complete_at_ <= max_age_;
}

RevocationWatch::Standing RevocationWatch::Check(const std::string& revocable_id) const {
  absl::MutexLock lock(&mu_);
  if (revoked_->contains(revocable_id)) return Standing::kRevoked;
  if (clock_->Now() - complete_at_ > max_age_) return Standing::kUnknown;
  return Standing::kGood;
}

bool RevocationWatch::Erased(const std::string& subject, absl::Time issued_at) const {
  std::shared_ptr<const absl::flat_hash_map<std::string, absl::Time>> erased;
  {
    absl::MutexLock lock(&mu_);
    erased = erased_;
  }
  if (erased->empty()) return false;  // the common case: no hash to work out
  auto it = erased->find(auth::ErasedKey(subject));
  return it != erased->end() && issued_at <= it->second;
}

}  // namespace laso::gateway
