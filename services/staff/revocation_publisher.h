#pragma once

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/redis/client.h"
#include "common/time/clock.h"
#include "services/staff/staff_store.h"

// Writes the revocation list (common/auth/revocations.h) into Redis from the
// database: right after every revocation, and every few seconds from the
// replica holding the lease, so a Redis that restarted empty or failed over
// is whole again within that interval. It only adds and lets entries expire:
// a publisher with an older snapshot can never take a revocation back.
namespace laso::staff {

class RevocationPublisher {
 public:
  RevocationPublisher(StaffStore& store, redis::Client& redis, const Clock* clock, absl::Duration access_ttl)
      : store_(store), redis_(redis), clock_(clock), access_ttl_(access_ttl) {}

  absl::Status Publish();
  // After a revocation: the database holds it already, so a failure here is
  // logged, not returned. The periodic publish carries it later, and until
  // then gateways that cannot read a complete list refuse staff tokens.
  void PublishAfterRevoking();

 private:
  StaffStore& store_;
  redis::Client& redis_;
  const Clock* clock_;
  absl::Duration access_ttl_;
};

}  // namespace laso::staff
