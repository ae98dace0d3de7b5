// Bearer tokens: the JWT layer and the gateway's reading of the claims.
// The first byte picks how the rest is used:
//   even: the rest is a token as a client sends it (forgeries, garbage);
//   odd:  the rest is "header JSON \n claims JSON", signed here with the
//         gateway's key, so the claims checks past the signature are reached.
// A token is accepted only for a well-formed caller that has not expired.
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/hmac_key.h"
#include "common/time/clock.h"
#include "common/auth/session_tokens.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr char kKeyId[] = "k1";
constexpr char kSecret[] = "fuzz-secret-key-of-32-bytes-long";
const absl::Time kNow = absl::FromUnixSeconds(1795000000);  // 2026-11

std::string B64(absl::string_view bytes) {
  std::string out;
  absl::WebSafeBase64Escape(bytes, &out);
  return out;
}

std::string SignedToken(absl::string_view spec) {
  size_t newline = spec.find('\n');
  absl::string_view header = spec.substr(0, newline);
  absl::string_view claims = newline == absl::string_view::npos ? absl::string_view() : spec.substr(newline + 1);
  std::string input = absl::StrCat(B64(header), ".", B64(claims));
  static const laso::crypto::HmacSha256Key* key = new laso::crypto::HmacSha256Key(kSecret);
  return absl::StrCat(input, ".", B64(key->Sign(input)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace laso;
  if (size == 0) return 0;
  static const FakeClock* clock = new FakeClock(kNow);
  static const auth::SessionTokens* tokens = [] {
    crypto::JwtKeys keys;
    keys.Add(kKeyId, kSecret);
    return new auth::SessionTokens(std::move(keys), auth::TokenOptions{}, clock);
  }();
  absl::string_view rest = fuzz::AsText(data + 1, size - 1);
  std::string token = (data[0] & 1) ? SignedToken(rest) : std::string(rest);

  auto verified = tokens->Verify(token);
  if (!verified.ok()) {
    LASO_FUZZ_CHECK(verified.status().code() == absl::StatusCode::kUnauthenticated, verified.status().ToString());
    return 0;
  }
  const rpc::Caller& caller = verified->caller;
  LASO_FUZZ_CHECK(caller.role() != rpc::Role::ROLE_UNSPECIFIED && caller.role() != rpc::Role::ANONYMOUS,
                  caller.DebugString());
  const char* prefix = verified->kind == auth::TokenKind::kResident ? "zalo:"
                       : verified->kind == auth::TokenKind::kStaff  ? "staff:"
                                                                     : "machine:";
  LASO_FUZZ_CHECK(absl::StartsWith(caller.subject(), prefix), caller.subject());
  // Only residents' tokens go unchecked against the revocation list.
  LASO_FUZZ_CHECK((verified->kind == auth::TokenKind::kResident) == verified->revocable_id.empty(), verified->revocable_id);
  // Accepted means unexpired (within the 30 s leeway for clock skew).
  LASO_FUZZ_CHECK(verified->expires_at + absl::Seconds(31) >= kNow, absl::FormatTime(verified->expires_at));
  // The same token is accepted again with the same answer: verification keeps no state.
  auto again = tokens->Verify(token);
  LASO_FUZZ_CHECK(again.ok() && again->caller.SerializeAsString() == caller.SerializeAsString(), token);
  return 0;
}
