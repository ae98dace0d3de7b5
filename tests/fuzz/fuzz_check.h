#pragma once

// Properties a fuzz target asserts on each input: a failed check prints what
// broke and aborts, which libFuzzer (and the corpus replay) reports as a crash
// with the input that caused it.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/string_view.h"

namespace laso::fuzz {

[[noreturn]] inline void Fail(const char* check, const char* file, int line, const std::string& detail) {
  std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n  %s\n", file, line, check, detail.c_str());
  std::abort();
}

inline absl::string_view AsText(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace laso::fuzz

#define LASO_FUZZ_CHECK(cond, detail)                                     \
  do {                                                                    \
    if (!(cond)) ::laso::fuzz::Fail(#cond, __FILE__, __LINE__, (detail)); \
  } while (0)
