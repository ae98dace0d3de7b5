#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/testing/http_test_client.h"
#include "common/testing/subprocess.h"

// laso-staff and laso-privacy beside an end-to-end test's other processes:
// staff holds the accounts staff sign in with and makes the machine tokens
// `laso token` prints; privacy holds residents' consent to the privacy notice,
// without which residents cannot file or link anything.
namespace laso::testing {

class AccountServices {
 public:
  // Starts laso-staff and laso-privacy with `env` on free ports, logging to
  // `log` and `log` with ".privacy" added; adds their addresses to `env`
  // (LASO_STAFF_LISTEN, LASO_PRIVACY_LISTEN and the gateway's backends, which
  // must already be set) so the CLI and the gateway find them.
  bool Start(std::vector<std::string>* env, const std::string& log);
  void Kill() { staff_.Kill(); }
  void KillPrivacy() { privacy_.Kill(); }

 private:
  Subprocess staff_;
  Subprocess privacy_;
};

// A resident's session after accepting the current privacy notice (every
// optional purpose granted unless `optional` is false), from a session token
// of theirs: the new token, or "" (with a test failure).
std::string AcceptPrivacyNotice(HttpTestClient& http, const std::string& session_token, bool optional = true);

// fake-zalo's demo resident (Nguyễn Văn An, 84901234567) signed in through the
// gateway, with the verified phone unless `verified_phone` is false, having
// accepted the privacy notice: the session token.
std::string DemoResidentToken(HttpTestClient& http, bool verified_phone = true);

// A person on staff signed in through the gateway, the way the console does
// it: `laso staff create` (one-time password, TOTP secret), then the first
// sign-in that sets their own password with a TOTP code computed here.
// Returns the StaffSession JSON (accessToken, refreshToken, staff), or null.
struct StaffPerson {
  std::string username;
  std::string password;     // the one they chose
  std::string totp_secret;  // raw bytes
  nlohmann::json session;
  std::string Bearer() const { return "Bearer " + session.value("accessToken", ""); }
};
StaffPerson SignInNewStaff(HttpTestClient& http, const std::vector<std::string>& env, const std::string& out_dir,
                           const std::string& role, const std::string& username, const std::string& agency = "");

// The TOTP code for `secret` at the step after the last one used: each sign-in needs a fresh code.
std::string NextTotpCode(const std::string& secret, int steps_ahead);

// Sets an element "NAME=value" of `env`, replacing an earlier one.
void SetEnvVar(std::vector<std::string>* env, const std::string& name, const std::string& value);

}  // namespace laso::testing
