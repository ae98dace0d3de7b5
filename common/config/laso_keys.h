#pragma once

#include <string>
#include <vector>

#include "common/config/schema.h"

namespace laso::config {

// Every configuration key laso knows, for every binary: one file can configure
// the whole deployment and a typo anywhere is caught. Add new keys in
// laso_keys.cc and regenerate deploy/laso.example.toml (`laso config example`).
const Schema& LasoSchema();

// The services that own a database (<name>.database, <name>.listen), in the order
// tools/up starts them: the one list the schema, tools/up (`laso config services`),
// the e2e stack and backups read.
const std::vector<std::string>& ServiceNames();

}  // namespace laso::config
