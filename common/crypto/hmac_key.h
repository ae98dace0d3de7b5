#pragma once

#include <memory>
#include <string>

#include "absl/strings/string_view.h"

struct evp_mac_ctx_st;

namespace laso::crypto {

// HMAC-SHA256 under one key, prepared once: OpenSSL 3's one-shot HMAC() looks
// the digest up and keys it on every call, which shows on a hot path (every
// signed caller identity, every token check). Thread-safe; copyable.
class HmacSha256Key {
 public:
  explicit HmacSha256Key(absl::string_view key);
  ~HmacSha256Key();
  HmacSha256Key(const HmacSha256Key& other);
  HmacSha256Key& operator=(const HmacSha256Key&) = delete;

  // 32 raw bytes, equal to HmacSha256(key, data).
  std::string Sign(absl::string_view data) const;
  // Whether mac is the MAC of data, compared in constant time.
  bool Verify(absl::string_view data, absl::string_view mac) const;

 private:
  evp_mac_ctx_st* ctx_;  // keyed; each Sign works on a copy
};

}  // namespace laso::crypto
