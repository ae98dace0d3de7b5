#include "common/crypto/hmac_key.h"

#include <cstdlib>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "common/crypto/hash.h"

namespace laso::crypto {
namespace {

EVP_MAC* HmacAlgorithm() {
  static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

}  // namespace

HmacSha256Key::HmacSha256Key(absl::string_view key) : ctx_(EVP_MAC_CTX_new(HmacAlgorithm())) {
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_END};
  // A key of zero length is valid HMAC; OpenSSL wants a non-null pointer for it.
  static const unsigned char kEmpty = 0;
  const auto* bytes = key.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.data());
  if (ctx_ == nullptr || EVP_MAC_init(ctx_, bytes, key.size(), params) != 1) std::abort();
}

HmacSha256Key::HmacSha256Key(const HmacSha256Key& other) : ctx_(EVP_MAC_CTX_dup(other.ctx_)) {
  if (ctx_ == nullptr) std::abort();
}

HmacSha256Key::~HmacSha256Key() { EVP_MAC_CTX_free(ctx_); }

std::string HmacSha256Key::Sign(absl::string_view data) const {
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(ctx_);
  std::string out(32, '\0');
  size_t len = 0;
  bool ok = ctx != nullptr &&
            EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1 &&
            EVP_MAC_final(ctx, reinterpret_cast<unsigned char*>(out.data()), &len, out.size()) == 1;
  EVP_MAC_CTX_free(ctx);
  if (!ok || len != 32) std::abort();  // cannot happen with a keyed context; never return a wrong MAC
  return out;
}

bool HmacSha256Key::Verify(absl::string_view data, absl::string_view mac) const {
  return ConstantTimeEquals(Sign(data), mac);
}

}  // namespace laso::crypto
