#pragma once

#include <string>

#include "common/outbox/stream_consumer.h"
#include "common/process/periodic_task.h"
#include "common/redis/client.h"
#include "common/service/service_env.h"

namespace laso::service {

// A service's reading of the event stream (outbox.stream): its own Redis
// connection, since reads wait on the stream; one consumer of the service's
// group per replica; and the lease holder's tidying of the consumers of
// replicas that are gone (a rolling upgrade names new ones).
class StreamReading {
 public:
  StreamReading(const ServiceEnv& env, outbox::EventSink& sink, outbox::ConsumerOptions options, const Clock* clock);
  ~StreamReading() { Stop(); }

  void Start() { consumer_.Start(); }
  void Stop() { consumer_.Stop(); }

 private:
  static redis::Options StreamOptions(const ServiceEnv& env, const outbox::ConsumerOptions& options);

  redis::Client client_;
  outbox::StreamConsumer consumer_;
  process::PeriodicTask forget_gone_;
};

// A replica's options in consumer group `group` of the configured stream
// (outbox.stream): consumer <group>-<hostname>-<pid>.
outbox::ConsumerOptions GroupConsumer(const ServiceEnv& env, absl::string_view group);

}  // namespace laso::service
