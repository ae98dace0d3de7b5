#include "common/crypto/random.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>

#include <openssl/rand.h>

#include "absl/strings/escaping.h"

namespace laso::crypto {

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    // Without randomness no token or key can be trusted; continuing would be worse.
    std::abort();
  }
  return out;
}

std::string RandomToken(size_t n) {
  std::string out;
  absl::WebSafeBase64Escape(RandomBytes(n), &out);
  return out;
}

namespace {

std::string EncodeUlid(absl::Time now, const unsigned char random[10]) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  uint64_t ms = static_cast<uint64_t>(absl::ToUnixMillis(now)) & ((uint64_t{1} << 48) - 1);
  // 128 bits: 48 of time, 80 of randomness; 26 characters of 5 bits (130 bits, top 2 zero).
  unsigned char bits[16];
  for (int i = 0; i < 6; ++i) bits[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  for (int i = 0; i < 10; ++i) bits[6 + i] = random[i];
  std::string out(26, '0');
  for (int i = 0; i < 26; ++i) {
    int value = 0;
    for (int b = 0; b < 5; ++b) {
      int pos = 129 - (5 * i + b);  // bit index from the least significant end
      int bit = pos >= 128 ? 0 : (bits[15 - pos / 8] >> (pos % 8)) & 1;
      value = (value << 1) | bit;
    }
    out[i] = kAlphabet[value];
  }
  return out;
}

}  // namespace

std::string NewUlid(absl::Time now) {
  std::string random = RandomBytes(10);
  return EncodeUlid(now, reinterpret_cast<const unsigned char*>(random.data()));
}

std::string NewFastUlid(absl::Time now) {
  thread_local std::mt19937_64 engine([] {
    std::string seed = RandomBytes(8);
    uint64_t v;
    std::memcpy(&v, seed.data(), sizeof(v));
    return v;
  }());
  unsigned char random[10];
  uint64_t a = engine(), b = engine();
  std::memcpy(random, &a, 8);
  std::memcpy(random + 8, &b, 2);
  return EncodeUlid(now, random);
}

}  // namespace laso::crypto
