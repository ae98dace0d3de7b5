#include "common/crypto/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/crypto/hash.h"
#include "common/crypto/random.h"

namespace laso::crypto {
namespace {

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string UriEscape(absl::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
    else absl::StrAppendFormat(&out, "%%%02X", c);
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() { return RandomBytes(20); }

std::string Base32Encode(absl::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

bool Base32Decode(absl::string_view text, std::string* out) {
  out->clear();
  uint32_t buffer = 0;
  int bits = 0;
  for (char raw : text) {
    if (raw == ' ' || raw == '=') continue;
    char c = absl::ascii_toupper(raw);
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= '2' && c <= '7') v = c - '2' + 26;
    else return false;
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      *out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return true;
}

int64_t TotpStep(absl::Time t) {
  int64_t seconds = absl::ToUnixSeconds(t);
  return seconds >= 0 ? seconds / kTotpStepSeconds : (seconds - kTotpStepSeconds + 1) / kTotpStepSeconds;
}

std::string TotpCode(absl::string_view secret, int64_t step) {
  unsigned char counter[8];
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter, sizeof counter, mac, &mac_len);
  int offset = mac[mac_len - 1] & 0x0f;
  uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) | (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                    (static_cast<uint32_t>(mac[offset + 2]) << 8) | static_cast<uint32_t>(mac[offset + 3]);
  return absl::StrFormat("%06u", binary % 1000000u);
}

std::optional<int64_t> MatchTotp(absl::string_view secret, absl::string_view code, absl::Time now, int window) {
  if (code.size() != 6) return std::nullopt;
  for (char c : code) {
    if (!absl::ascii_isdigit(c)) return std::nullopt;
  }
  int64_t center = TotpStep(now);
  std::optional<int64_t> found;
  for (int64_t step = center - window; step <= center + window; ++step) {
    // Every candidate is computed and compared, so the time taken does not say which step matched.
    if (ConstantTimeEquals(TotpCode(secret, step), code) && !found) found = step;
  }
  return found;
}

std::string TotpUri(absl::string_view issuer, absl::string_view account, absl::string_view secret) {
  return absl::StrCat("otpauth://totp/", UriEscape(issuer), ":", UriEscape(account), "?secret=", Base32Encode(secret),
                      "&issuer=", UriEscape(issuer), "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace laso::crypto
