#include "common/process/signals.h"

#include <pthread.h>
#include <signal.h>

#include "absl/synchronization/mutex.h"

namespace laso::process {
namespace {

sigset_t TerminationSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void BlockTerminationSignals() {
  sigset_t set = TerminationSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A client that goes away mid-write must not kill the process.
  signal(SIGPIPE, SIG_IGN);
  // Nor a file that reaches the size limit: the write fails (EFBIG) and the
  // store answers "storage full" instead of the process dying mid-commit.
  signal(SIGXFSZ, SIG_IGN);
}

void InitProcess() {
  BlockTerminationSignals();
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

int WaitForTerminationSignal() {
  sigset_t set = TerminationSet();
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  return sig;
}

}  // namespace laso::process
