#include "common/process/free_memory.h"

#include <dlfcn.h>

namespace laso::process {
namespace {

// gperftools' C interface, looked up at run time so that a binary linked
// without tcmalloc still links and runs.
struct Tcmalloc {
  int (*get_numeric_property)(const char* name, size_t* value) = nullptr;
  void (*release_free_memory)() = nullptr;
};

const Tcmalloc& Allocator() {
  static const Tcmalloc tcmalloc = [] {
    Tcmalloc t;
    t.get_numeric_property = reinterpret_cast<int (*)(const char*, size_t*)>(
        ::dlsym(RTLD_DEFAULT, "MallocExtension_GetNumericProperty"));
    t.release_free_memory = reinterpret_cast<void (*)()>(::dlsym(RTLD_DEFAULT, "MallocExtension_ReleaseFreeMemory"));
    if (t.get_numeric_property == nullptr || t.release_free_memory == nullptr) t = Tcmalloc{};
    return t;
  }();
  return tcmalloc;
}

}  // namespace

size_t FreeMemoryReturner::FreeBytes() {
  const Tcmalloc& t = Allocator();
  size_t free_bytes = 0;
  if (t.get_numeric_property == nullptr ||
      !t.get_numeric_property("tcmalloc.pageheap_free_bytes", &free_bytes)) {
    return 0;
  }
  return free_bytes;
}

size_t FreeMemoryReturner::ReturnIfAbove(size_t keep_bytes) {
  size_t before = FreeBytes();
  if (before <= keep_bytes) return 0;
  Allocator().release_free_memory();
  size_t after = FreeBytes();
  return before > after ? before - after : 0;
}

FreeMemoryReturner::FreeMemoryReturner(absl::Duration interval, size_t keep_bytes)
    : task_(interval, [keep_bytes] { ReturnIfAbove(keep_bytes); }) {}

}  // namespace laso::process
