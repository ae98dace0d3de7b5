#pragma once

#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "common/sql/database.h"

// Store tests run on both engines: a fixture derives from
// ::testing::TestWithParam<sql::Engine>, uses TEST_P, and says once
//   LASO_ON_BOTH_ENGINES(DossierTest);
// Each test then runs as Engines/DossierTest.Name/sqlite and .../postgresql.
namespace laso::testing {

inline constexpr sql::Engine kEngines[] = {sql::Engine::kSqlite, sql::Engine::kPostgres};

struct EngineParamName {
  std::string operator()(const ::testing::TestParamInfo<sql::Engine>& info) const {
    return std::string(sql::EngineName(info.param));
  }
};

}  // namespace laso::testing

namespace laso::sql {
// How gtest prints the parameter in test names and failures.
inline void PrintTo(Engine engine, std::ostream* out) { *out << EngineName(engine); }
}  // namespace laso::sql

#define LASO_ON_BOTH_ENGINES(Suite)                                                           \
  INSTANTIATE_TEST_SUITE_P(Engines, Suite, ::testing::ValuesIn(::laso::testing::kEngines), \
                           ::laso::testing::EngineParamName())
