#include "tests/support/config_with.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/laso_schema.h"

namespace laso::testing {

config::Config ConfigWith(std::initializer_list<std::pair<const char*, const char*>> values) {
  config::Config c = config::Config::Defaults(LasoSchema());
  const std::string boundary = absl::StrCat(LASO_SOURCE_DIR, "/deploy/data/boundary/long-an.geojson");
  for (const auto& [key, value] : {std::pair<const char*, std::string>{"data_dir", "/srv/laso"},
                                   {"feedback.boundary_file", boundary},
                                   {"waste.boundary_file", boundary}}) {
    EXPECT_TRUE(c.Set(key, value).ok()) << key;
  }
  for (const auto& [key, value] : values) EXPECT_TRUE(c.Set(key, value).ok()) << key;
  return c;
}

}  // namespace laso::testing
