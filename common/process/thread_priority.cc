#include "common/process/thread_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace laso::process {

void LowerThisThreadPriority() {
  thread_local bool lowered = false;
  if (lowered) return;
  lowered = true;
  // Best effort: a failure leaves the thread at normal priority, which is only slower for others.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
}

}  // namespace laso::process
