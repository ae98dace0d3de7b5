#include "common/service/stream_reading.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace laso::service {

redis::Options StreamReading::StreamOptions(const ServiceEnv& env, const outbox::ConsumerOptions& options) {
  redis::Options o = env.redis->options();
  o.pool_size = 1;
  o.command_timeout = options.block + absl::Seconds(1);
  return o;
}

StreamReading::StreamReading(const ServiceEnv& env, outbox::EventSink& sink, outbox::ConsumerOptions options,
                             const Clock* clock)
    : client_(StreamOptions(env, options), clock),
      consumer_(client_, sink, std::move(options), clock),
      forget_gone_(absl::Minutes(10), [this, &env] {
        if (!env.singletons->held()) return;
        auto gone = consumer_.ForgetGoneConsumers(absl::Hours(1));
        if (!gone.ok()) {
          log::Warn("forgetting gone stream consumers", {{"error", std::string(gone.status().message())}});
          return;
        }
        for (const auto& name : *gone) log::Info("a gone replica's stream consumer left the group", {{"consumer", name}});
      }) {}

outbox::ConsumerOptions GroupConsumer(const ServiceEnv& env, absl::string_view group) {
  outbox::ConsumerOptions out;
  out.stream = env.config.String("outbox.stream");
  out.group = std::string(group);
  out.consumer = absl::StrCat(outbox::DefaultConsumerName(group), "-", getpid());
  return out;
}

}  // namespace laso::service
