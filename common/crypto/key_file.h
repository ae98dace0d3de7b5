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

// What to do about a key file that does not exist. Replicas on several
// machines must share their keys (what one seals, the others open), so a
// deployment creates them once (`laso keys init`) and refuses to start
// without them; one machine (tools/up, tests) may let them be created.
enum class MissingKey { kCreate, kRefuse };
// The policy of a process whose keys.create_missing is `create_missing`.
inline MissingKey MissingKeyPolicy(bool create_missing) {
  return create_missing ? MissingKey::kCreate : MissingKey::kRefuse;
}

// Reads the key file, or, when it does not exist and `missing` is kCreate,
// creates it (mode 0600, parent directories 0700) with one fresh random key of
// key_bytes. kRefuse: FAILED_PRECONDITION naming the file and `laso keys init`.
absl::StatusOr<std::vector<NamedKey>> LoadOrCreateKeyFile(const std::string& path, size_t key_bytes, absl::Time now,
                                                          MissingKey missing = MissingKey::kCreate);

// Appends a fresh key that becomes the current one; returns its id.
absl::StatusOr<std::string> RotateKeyFile(const std::string& path, size_t key_bytes, absl::Time now);

}  // namespace laso::crypto
