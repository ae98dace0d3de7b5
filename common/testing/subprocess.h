#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace laso::testing {

// A child process for tests: a real redis-server, a real service binary.
class Subprocess {
 public:
  Subprocess() = default;
  ~Subprocess();  // kills (SIGKILL) if still running
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // Starts argv[0] (searched in PATH) with stdout and stderr appended to log_path
  // ("" for /dev/null) and extra "KEY=VALUE" environment entries.
  bool Start(const std::vector<std::string>& argv, const std::string& log_path = "",
             const std::vector<std::string>& env = {});
  void Signal(int sig);
  // Sends SIGKILL and reaps.
  void Kill();
  // Waits up to timeout for the process to exit; returns its wait status, or -1
  // if it is still running.
  int Wait(absl::Duration timeout);
  // Sends SIGTERM and waits up to timeout (then SIGKILL); returns the wait status or -1.
  int Terminate(absl::Duration timeout = absl::Seconds(10));
  bool Running();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

}  // namespace laso::testing
