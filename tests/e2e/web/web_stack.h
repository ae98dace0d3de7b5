#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/stack.h"

// What the browser tests share on the C++ side: the whole stack with tools/up's demo data, staff
// accounts as `laso staff create` makes them, and a journeys script run with node.
namespace laso::testing {

bool Exists(const std::string& path);

// The stack's demo data as tools/up loads it: the 1022 catalogue and its demo reports, the waste routes,
// the demo dossiers and bills. Adds a test failure and returns false when a part did not load.
bool LoadDemoData(Stack& stack);

// `laso staff create`: {"password": the one-time password, "secret": the base32 TOTP secret}, or null.
nlohmann::json NewStaff(Stack& stack, const std::string& username, const std::string& role, const std::string& agency,
                        const std::string& name);

// Runs tests/e2e/web/<script> with node (LASO_WEB_DIR, LASO_WEB_GATEWAY and LASO_WEB_SCREENSHOTS set,
// then `env`), up to 400 s; prints its output (the figures) and fails the test, with the gateway's
// last log lines, unless it exits 0. Returns its output.
std::string RunJourneys(Stack& stack, const std::string& script, const std::vector<std::string>& env);

// build/tests/e2e/web/screenshots
std::string ScreenshotsDir();

}  // namespace laso::testing
