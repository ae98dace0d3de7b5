#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/redis/asio_client.h"
#include "common/time/clock.h"

namespace laso::gateway {

// This gateway's copy of the revocation list (common/auth/revocations.h),
// read from Redis every `poll` on the event loop, so checking a token costs
// no round trip. A staff token is good only while the copy is fresh: when
// Redis has not answered with a complete list for `max_age`, staff routes
// fail closed (the caller decides: machines keep the last list they saw).
class RevocationWatch {
 public:
  enum class Standing { kGood, kRevoked, kUnknown };

  RevocationWatch(boost::asio::io_context& ioc, redis::AsioClient& redis, const Clock* clock, absl::Duration poll,
                  absl::Duration max_age);
  // Starts polling (the first read at once).
  void Start();
  // Waits (up to `timeout`, with the event loop running) for the first read to
  // answer, so a gateway does not begin by refusing staff it could check.
  void WaitForFirstRead(absl::Duration timeout);
  // Call once the event loop has stopped.
  ~RevocationWatch() = default;

  // "s:<session>" or "t:<token>".
  Standing Check(const std::string& revocable_id) const;
  // Whether the resident was erased after this token of theirs was issued
  // (their sessions ended; a sign-in since is a new person).
  bool Erased(const std::string& subject, absl::Time issued_at) const;
  // Whether a complete list was read within max_age: staff can be admitted (a /readyz check).
  bool Fresh() const;

 private:
  void Poll();
  void Schedule();

  boost::asio::steady_timer timer_;
  redis::AsioClient& redis_;
  const Clock* clock_;
  absl::Duration poll_;
  absl::Duration max_age_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const absl::flat_hash_set<std::string>> revoked_ ABSL_GUARDED_BY(mu_);
  std::shared_ptr<const absl::flat_hash_map<std::string, absl::Time>> erased_ ABSL_GUARDED_BY(mu_);
  absl::Time complete_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  absl::Notification first_read_;
};

}  // namespace laso::gateway
