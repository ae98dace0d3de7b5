#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/client.h"

namespace laso::redis {

// A Lua script run by SHA (EVALSHA), falling back to EVAL when the server does
// not know it yet (NOSCRIPT: after a restart or SCRIPT FLUSH), which also
// caches it for the next call.
class Script {
 public:
  explicit Script(std::string source);
  absl::StatusOr<Reply> Run(Client& client, const std::vector<std::string>& keys,
                            const std::vector<std::string>& args) const;
  const std::string& sha1() const { return sha1_; }
  const std::string& source() const { return source_; }

 private:
  Command Build(const char* verb, const std::string& body, const std::vector<std::string>& keys,
                const std::vector<std::string>& args) const;
  std::string source_;
  std::string sha1_;
};

}  // namespace laso::redis
