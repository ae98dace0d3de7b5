#pragma once

#include <cstddef>

#include "absl/time/time.h"
#include "common/process/periodic_task.h"

namespace laso::process {

// Hands heap memory the allocator holds free back to the operating system.
// tcmalloc keeps what a burst freed (a 100,000-row bill import, a large
// dossier sync) for reuse, so a service that imported once would hold that
// memory until it exits. Without tcmalloc (the sanitizer builds) it does nothing.
class FreeMemoryReturner {
 public:
  // Every `interval`, returns the free heap when more than `keep_bytes` is free.
  explicit FreeMemoryReturner(absl::Duration interval = absl::Seconds(10), size_t keep_bytes = size_t{32} << 20);

  // Bytes of heap the allocator holds free now; 0 without tcmalloc.
  static size_t FreeBytes();
  // Returns the free heap if more than `keep_bytes` is free; gives the bytes returned.
  static size_t ReturnIfAbove(size_t keep_bytes);

 private:
  PeriodicTask task_;
};

}  // namespace laso::process
