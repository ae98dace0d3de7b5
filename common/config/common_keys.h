#pragma once

#include "common/config/schema.h"

namespace laso::config {

// The keys every laso binary shares: the data directory, logging, Redis, the
// database engines, gRPC, the internal key, the holiday calendar, the outbox
// and the Zalo app. Each service adds its own (services/<x>/<x>_config.cc);
// services/laso_schema.h puts them together.
void AddCommonKeys(Schema& s);

}  // namespace laso::config
