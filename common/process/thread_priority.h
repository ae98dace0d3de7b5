#pragma once

namespace laso::process {

// Lowers the calling thread's CPU priority (nice 10) once; later calls on the
// same thread do nothing. For CPU-heavy work that must not starve requests
// (password hashing): on Linux, nice applies per thread.
void LowerThisThreadPriority();

}  // namespace laso::process
