#pragma once

// Helpers for end-to-end tests that run laso's binaries as processes.
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/testing/http_test_client.h"

namespace laso::testing {

// A path in the build tree, e.g. Bin("services/gateway/laso-gateway").
std::string Bin(const std::string& relative);

// A path in the source tree, e.g. Source("deploy/data/calendar").
std::string Source(const std::string& relative);

std::string ReadWholeFile(const std::string& path);

// Polls GET /readyz until every check passes ("status":"ready": true) or 20 s pass (false).
bool WaitReady(HttpTestClient& client);

// Starts `binary` with `env`, logging to `log_path`, for a start that must
// fail: true if it exits within 10 s and its log names `what` (e.g. the bad key).
bool RefusesToStartNaming(const std::string& binary, const std::vector<std::string>& env, const std::string& log_path,
                          const std::string& what);

// Runs the laso CLI with `env`; its stdout goes to `out_file` and its stderr
// to `out_file`.err. Returns the exit code (-1 if it could not run or hung).
int RunCli(const std::vector<std::string>& args, const std::vector<std::string>& env, const std::string& out_file);

// Every file under `dir`, recursively, but the key files and the attachments
// (keys are keys; photos are the reports' content): what a byte search of the
// stack's data reads.
std::vector<std::string> DataFilesUnder(const std::string& dir);

// Polls `done` every 100 ms for up to `limit`: how long it took, or `limit` if it never did.
template <typename Done>
absl::Duration WaitUntil(absl::Duration limit, Done done) {
  absl::Time start = absl::Now();
  while (!done()) {
    if (absl::Now() - start >= limit) return limit;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return absl::Now() - start;
}

}  // namespace laso::testing
