#pragma once

#include <string>
#include <vector>

#include "common/config/schema.h"

// Every configuration key laso knows, for every binary, so one file can
// configure the whole deployment and a typo anywhere is caught: the shared
// keys (common/config/common_keys.cc), the gateway's and each service's own
// (services/<x>/<x>_config.cc). Regenerate deploy/laso.example.toml after
// adding one (`laso config example`).
namespace laso {

const config::Schema& LasoSchema();

// The services that own a database (<name>.database, <name>.listen), in the
// order they start, from services/services.cmake.
const std::vector<std::string>& ServiceNames();

}  // namespace laso
