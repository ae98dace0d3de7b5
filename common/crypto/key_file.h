#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

// Secrets live in small files in the data directory, never in config or code.
// A key file has one "<key id> <hex secret>" per line, oldest first; the last
// line is the current key and the earlier ones still verify and decrypt, which
// is how keys rotate.
namespace laso::crypto {

struct NamedKey {
  std::string id;
  std::string secret;  // raw bytes
};

// Reads a key file. Refuses one that group or others may read.
absl::StatusOr<std::vector<NamedKey>> LoadKeyFile(const std::string& path);

// Reads the key file, or creates it (mode 0600, parent directories 0700) with one
// fresh random key of key_bytes when it does not exist.
absl::StatusOr<std::vector<NamedKey>> LoadOrCreateKeyFile(const std::string& path,
                                                          size_t key_bytes, absl::Time now);

// Appends a fresh key that becomes the current one; returns its id.
absl::StatusOr<std::string> RotateKeyFile(const std::string& path, size_t key_bytes, absl::Time now);

}  // namespace laso::crypto
