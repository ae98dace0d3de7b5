#include "tests/e2e/account_services.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/crypto/totp.h"
#include "common/testing/ports.h"
#include "tests/e2e/processes.h"

namespace laso::testing {

void SetEnvVar(std::vector<std::string>* env, const std::string& name, const std::string& value) {
  std::string prefix = name + "=";
  for (std::string& e : *env) {
    if (absl::StartsWith(e, prefix)) {
      e = prefix + value;
      return;
    }
  }
  env->push_back(prefix + value);
}

bool AccountServices::Start(std::vector<std::string>* env, const std::string& log) {
  std::string address = absl::StrCat("127.0.0.1:", FreePort());
  std::string privacy = absl::StrCat("127.0.0.1:", FreePort());
  SetEnvVar(env, "LASO_STAFF_LISTEN", address);
  SetEnvVar(env, "LASO_PRIVACY_LISTEN", privacy);
  SetEnvVar(env, "LASO_PRIVACY_NOTICE_DIR", Source("deploy/data/privacy"));
  // Cheap hashes: the cost is a benchmark's business, not every test's.
  SetEnvVar(env, "LASO_STAFF_PASSWORD_MEMORY_MIB", "8");
  SetEnvVar(env, "LASO_STAFF_PASSWORD_PASSES", "1");
  SetEnvVar(env, "LASO_CALENDAR_DIR", Source("deploy/data/calendar"));
  SetEnvVar(env, "LASO_STAFF_REVOCATION_PUBLISH_INTERVAL", "2s");
  for (std::string& e : *env) {
    if (absl::StartsWith(e, "LASO_GATEWAY_BACKENDS=")) absl::StrAppend(&e, ",staff=", address, ",privacy=", privacy);
  }
  return staff_.Start({Bin("services/staff/laso-staff")}, log, *env) &&
         privacy_.Start({Bin("services/privacy/laso-privacy")}, log + ".privacy", *env);
}

std::string AcceptPrivacyNotice(HttpTestClient& http, const std::string& session_token, bool optional) {
  HttpTestClient::Headers auth = {{"Authorization", "Bearer " + session_token}};
  auto notice = http.Get("/v1/privacy-notice");
  EXPECT_EQ(notice.status, 200) << notice.body;
  if (notice.status != 200) return "";
  const nlohmann::json shown = notice.Json();
  nlohmann::json choices = nlohmann::json::array();
  for (const auto& p : shown["purposes"]) {
    choices.push_back({{"purpose", p["code"]}, {"granted", p.value("required", false) || optional}});
  }
  nlohmann::json body = {{"noticeVersion", shown["version"]}, {"choices", choices}};
  auth.push_back({"Content-Type", "application/json"});
  auto accepted = http.Send("PUT", "/v1/me/consents", body.dump(), auth);
  EXPECT_EQ(accepted.status, 200) << accepted.body;
  if (accepted.status != 200) return "";
  return accepted.Json()["session"].value("sessionToken", "");
}

std::string NextTotpCode(const std::string& secret, int steps_ahead) {
  return crypto::TotpCode(secret, crypto::TotpStep(absl::Now()) + steps_ahead);
}

StaffPerson SignInNewStaff(HttpTestClient& http, const std::vector<std::string>& env, const std::string& out_dir,
                           const std::string& role, const std::string& username, const std::string& agency) {
  StaffPerson person;
  person.username = username;
  std::string out = absl::StrCat(out_dir, "/staff-", username);
  std::vector<std::string> args = {"staff", "create", username, "--role", role, "--name", "Cán bộ " + username};
  if (!agency.empty()) {
    args.push_back("--agency");
    args.push_back(agency);
  }
  if (RunCli(args, env, out) != 0) {
    ADD_FAILURE() << ReadWholeFile(out + ".err");
    return person;
  }
  std::string one_time;
  for (absl::string_view line : absl::StrSplit(ReadWholeFile(out), '\n')) {
    if (absl::ConsumePrefix(&line, "one-time password: ")) one_time = std::string(line);
    if (absl::ConsumePrefix(&line, "totp secret: ")) crypto::Base32Decode(line, &person.totp_secret);
  }
  person.password = "Mật khẩu riêng " + username + " 2026";
  nlohmann::json body = {{"username", username},
                         {"password", one_time},
                         {"totp", NextTotpCode(person.totp_secret, 0)},
                         {"newPassword", person.password}};
  auto r = http.PostJson("/v1/auth/staff:changePassword", body.dump());
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status == 200) person.session = r.Json();
  return person;
}

}  // namespace laso::testing

namespace laso::testing {

std::string DemoResidentToken(HttpTestClient& http, bool verified_phone) {
  auto session = verified_phone
                     ? http.PostJson("/v1/auth/zalo/phone",
                                     R"({"accessToken":"demo-zalo-access-token","phoneToken":"demo-zalo-phone-token"})")
                     : http.PostJson("/v1/auth/zalo", R"({"accessToken":"demo-zalo-access-token"})");
  EXPECT_EQ(session.status, 200) << session.body;
  if (session.status != 200) return "";
  return AcceptPrivacyNotice(http, session.Json().value("sessionToken", ""));
}

}  // namespace laso::testing
