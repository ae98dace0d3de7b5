#include "common/redis/script.h"

#include <openssl/sha.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace laso::redis {

Script::Script(std::string source) : source_(std::move(source)) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(source_.data()), source_.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char c : digest) {
    sha1_.push_back(kHex[c >> 4]);
    sha1_.push_back(kHex[c & 0xf]);
  }
}

Command Script::Build(const char* verb, const std::string& body, const std::vector<std::string>& keys,
                      const std::vector<std::string>& args) const {
  Command command = {verb, body, absl::StrCat(keys.size())};
  command.insert(command.end(), keys.begin(), keys.end());
  command.insert(command.end(), args.begin(), args.end());
  return command;
}

absl::StatusOr<Reply> Script::Run(Client& client, const std::vector<std::string>& keys,
                                  const std::vector<std::string>& args) const {
  auto reply = client.Run(Build("EVALSHA", sha1_, keys, args));
  if (reply.ok() || !absl::StrContains(reply.status().message(), "NOSCRIPT")) return reply;
  return client.Run(Build("EVAL", source_, keys, args));
}

}  // namespace laso::redis
