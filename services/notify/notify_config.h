#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "services/notify/oa_token_keeper.h"
#include "services/notify/preferences.h"
#include "common/outbox/stream_consumer.h"
#include "services/notify/zalo_oa_client.h"
#include "services/notify/zns_sender.h"

// The notify service's configuration keys (notify.*, Zalo's ZNS and OAuth)
// and the options it runs with, read and checked in one place: errors name
// the key.
namespace laso::notify {

void AddConfigKeys(config::Schema& s);

struct NotifyConfig {
  std::string templates_file;
  QuietWindow default_quiet_hours;
  ZaloOaOptions zalo;
  OaTokenKeeper::Seed oa_token_seed;    // the tokens to start with, before notify keeps its own
  absl::Duration oa_token_refresh_before;
  SenderOptions zns;
  outbox::ConsumerOptions consumer;             // the consumer name defaults to notify-<hostname>
  std::string dead_letter_stream;
  absl::Duration dedupe_retention;
  absl::Duration inbox_retention;
};

absl::StatusOr<NotifyConfig> NotifyConfigFrom(const config::Config& c);

}  // namespace laso::notify
