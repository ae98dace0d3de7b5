#pragma once

#include "common/personal/request_desk.h"
#include "common/service/service_env.h"
#include "common/service/stream_reading.h"

namespace laso::service {

// For a service whose only business on the event stream is the privacy
// service's requests (export, erasure): reads the stream as the service's
// consumer group and answers them from `holder`.
class RequestAnswering {
 public:
  RequestAnswering(const ServiceEnv& env, personal::Holder& holder, const Clock* clock)
      : desk_(env.name, *env.db, holder, *env.events_vault, clock),
        sink_(desk_, *env.db, env.name),
        stream_(env, sink_, GroupConsumer(env, env.name), clock) {}

  void Start() { stream_.Start(); }
  void Stop() { stream_.Stop(); }

 private:
  personal::RequestDesk desk_;
  personal::RequestSink sink_;
  StreamReading stream_;
};

}  // namespace laso::service
