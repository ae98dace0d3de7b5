#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1,
// 6 digits, 30-second steps, as every authenticator app (Google
// Authenticator, Microsoft Authenticator, FreeOTP) reads them from an
// otpauth:// URI.
namespace laso::crypto {

inline constexpr int64_t kTotpStepSeconds = 30;

// A new 20-byte (160-bit, RFC 4226's recommendation) secret.
std::string NewTotpSecret();

// RFC 4648 base32 without padding, as otpauth URIs carry secrets; and back
// (case-insensitive, spaces ignored; false on any other character).
std::string Base32Encode(absl::string_view bytes);
bool Base32Decode(absl::string_view text, std::string* out);

// The 6-digit code for one step (HOTP of the step counter).
std::string TotpCode(absl::string_view secret, int64_t step);
int64_t TotpStep(absl::Time t);

// The step a 6-digit `code` matches within ±`window` steps of `now`, checked
// in constant time for each candidate; nullopt when none does.
std::optional<int64_t> MatchTotp(absl::string_view secret, absl::string_view code, absl::Time now, int window = 1);

// otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
std::string TotpUri(absl::string_view issuer, absl::string_view account, absl::string_view secret);

}  // namespace laso::crypto
