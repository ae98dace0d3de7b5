#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/testing/http_test_client.h"
#include "common/testing/subprocess.h"

// laso-staff beside an end-to-end test's other processes: it makes the
// machine tokens `laso token` prints and holds the accounts staff sign in with.
namespace laso::testing {

class StaffProcess {
 public:
  // Starts laso-staff with `env` on a free port, logging to `log`; adds its
  // address to `env` (LASO_STAFF_LISTEN and the gateway's backends, which must
  // already be set) so the CLI and the gateway find it.
  bool Start(std::vector<std::string>* env, const std::string& log);
  void Kill() { process_.Kill(); }

 private:
  Subprocess process_;
};

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
