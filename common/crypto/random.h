#pragma once

#include <string>

#include "absl/time/time.h"

namespace laso::crypto {

// Cryptographically secure random bytes (OpenSSL's DRBG).
std::string RandomBytes(size_t n);

// URL-safe unguessable token: n random bytes, base64url without padding.
std::string RandomToken(size_t n = 32);

// ULID: 26 Crockford base32 characters, 48 bits of milliseconds then 80 random
// bits, so ids sort by creation time (event ids, request ids, upload ids).
std::string NewUlid(absl::Time now);

// The same shape from a fast per-thread generator (seeded from the secure one):
// for correlation ids such as request ids, never for anything secret.
std::string NewFastUlid(absl::Time now);

}  // namespace laso::crypto
