#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/config.h"
#include "services/billing/bills.h"

// The billing service's configuration keys (billing.*) and the options it
// runs with, read and checked in one place: errors name the key.
namespace laso::billing {

void AddConfigKeys(config::Schema& s);

struct BillingConfig {
  BillingOptions bills;         // both keys shared with the utilities and Zalo are set
  std::string providers_file;   // applied at every start; empty: providers by API only
  absl::Duration notice_interval;
};

absl::StatusOr<BillingConfig> BillingConfigFrom(const config::Config& c);

}  // namespace laso::billing
