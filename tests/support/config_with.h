#pragma once

#include <initializer_list>
#include <utility>

#include "common/config/config.h"

namespace laso::testing {

// Every key laso knows at its default, data_dir /srv/laso, the data files
// (boundaries) taken from the source tree, then `values`: what a test of a
// binary's <x>_config.cc reads its options from.
config::Config ConfigWith(std::initializer_list<std::pair<const char*, const char*>> values);

}  // namespace laso::testing
