#pragma once

// A scratch directory for targets that need files (a SQLite store, key files),
// made once per process and removed when it exits.
#include <cstdlib>
#include <filesystem>
#include <string>

namespace laso::fuzz {

inline const std::string& ScratchDir(const std::string& name) {
  static const std::string* dir = [&] {
    std::string pattern = (std::filesystem::temp_directory_path() / ("laso-fuzz-" + name + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    auto* made = new std::string(pattern);
    std::atexit([] { std::filesystem::remove_all(*dir); });
    return made;
  }();
  return *dir;
}

}  // namespace laso::fuzz
