#pragma once

#include "common/config/schema.h"

namespace laso::config {

// Every configuration key laso knows, for every binary: one file can configure
// the whole deployment and a typo anywhere is caught. Add new keys in
// laso_keys.cc and regenerate deploy/laso.example.toml (`laso config example`).
const Schema& LasoSchema();

}  // namespace laso::config
