// The gateway, fake-zalo and the laso CLI as processes, configured only through
// the environment, the way tools/up and a deployment run them.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include <nlohmann/json.hpp>
#include "common/grpc/identity.h"
#include "common/testing/grpc_test_server.h"
#include "common/testing/http_test_client.h"
#include "common/testing/ports.h"
#include "common/testing/redis_server.h"
#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/account_services.h"
#include "tests/support/echo_service.h"

namespace laso {
namespace {

using testing::Bin;
using testing::ReadWholeFile;

class GatewayE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    zalo_port_ = testing::FreePort();
    ASSERT_TRUE(zalo_.Start({Bin("tools/fake-zalo/fake-zalo"), "--port", absl::StrCat(zalo_port_), "--app-secret",
                             "e2e-secret", "--demo"},
                            dir_.File("fake-zalo.log")));
    auto key = rpc::LoadInternalKey("", dir_.path(), RealClock::Get());
    ASSERT_TRUE(key.ok());
    identity_ = std::make_unique<testing::TestIdentity>(*key, RealClock::Get());
    echo_ = std::make_unique<testing::EchoService>(identity_->verifier());
    backend_ = std::make_unique<testing::GrpcTestServer>(std::vector<grpc::Service*>{echo_.get()});
    http_port_ = testing::FreePort();
    env_ = {absl::StrCat("LASO_DATA_DIR=", dir_.path()),
            "LASO_KEYS_CREATE_MISSING=true",  // one machine: the processes make their keys
            absl::StrCat("LASO_HTTP_PORT=", http_port_),
            absl::StrCat("LASO_REDIS_ADDRESS=", redis_.address()),
            absl::StrCat("LASO_GATEWAY_BACKENDS=testing=127.0.0.1:", backend_->port()),
            absl::StrCat("LASO_GATEWAY_DESCRIPTOR_SETS=", LASO_TEST_DESCRIPTOR_SET),
            absl::StrCat("LASO_ZALO_GRAPH_BASE_URL=http://127.0.0.1:", zalo_port_),
            "LASO_ZALO_APP_SECRET=e2e-secret"};
    ASSERT_TRUE(staff_.Start(&env_, dir_.File("staff.log")));
  }

  // Runs the laso CLI and returns what it printed on stdout.
  std::string RunCli(const std::vector<std::string>& args) {
    EXPECT_EQ(testing::RunCli(args, env_, dir_.File("cli.out")), 0);
    return std::string(absl::StripAsciiWhitespace(ReadWholeFile(dir_.File("cli.out"))));
  }

  testing::TempDir dir_;
  testing::RedisServer redis_;
  testing::Subprocess zalo_;
  testing::AccountServices staff_;
  std::unique_ptr<testing::TestIdentity> identity_;
  std::unique_ptr<testing::EchoService> echo_;
  std::unique_ptr<testing::GrpcTestServer> backend_;
  std::vector<std::string> env_;
  int zalo_port_ = 0;
  int http_port_ = 0;
};

TEST_F(GatewayE2eTest, ServesSignsInAndStopsCleanly) {
  testing::Subprocess gateway;
  ASSERT_TRUE(gateway.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_));
  testing::HttpTestClient client(http_port_);
  ASSERT_TRUE(testing::WaitReady(client)) << ReadWholeFile(dir_.File("gateway.log"));

  auto login = client.PostJson("/v1/auth/zalo", R"({"accessToken":"demo-zalo-access-token"})");
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.Json()["user"]["name"], "Nguyễn Văn An");
  auto echo = client.PostJson("/v1/test/echo", R"({"message":"qua cổng"})",
                              {{"Authorization", "Bearer " + login.Json()["sessionToken"].get<std::string>()}});
  ASSERT_EQ(echo.status, 200) << echo.body;
  EXPECT_EQ(echo.Json()["callerRole"], "citizen");

  // A person on staff signs in (password and TOTP); a script's token comes from the CLI.
  testing::StaffPerson op = testing::SignInNewStaff(client, env_, dir_.path(), "operator", "tongdai-01");
  auto staff_call = client.Get("/v1/test/staff", {{"Authorization", op.Bearer()}});
  EXPECT_EQ(staff_call.status, 200) << staff_call.body;
  EXPECT_EQ(staff_call.Json()["callerSubject"], "staff:tongdai-01");
  std::string staff = RunCli({"token", "--role", "admin", "--name", "nightly-report", "--ttl", "1h"});
  ASSERT_FALSE(staff.empty());
  auto script_call = client.Get("/v1/test/staff", {{"Authorization", "Bearer " + staff}});
  EXPECT_EQ(script_call.status, 200) << script_call.body;
  EXPECT_EQ(script_call.Json()["callerSubject"], "machine:nightly-report");

  // SIGTERM: a clean exit, promptly.
  absl::Time start = absl::Now();
  int status = gateway.Terminate(absl::Seconds(15));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  std::string log = ReadWholeFile(dir_.File("gateway.log"));
  EXPECT_EQ(log.find("demo-zalo-access-token"), std::string::npos);  // tokens never logged
  EXPECT_EQ(log.find(staff), std::string::npos);
  EXPECT_EQ(log.find(op.session.value("accessToken", "")), std::string::npos);
  std::string staff_log = ReadWholeFile(dir_.File("staff.log"));
  EXPECT_EQ(staff_log.find(op.password), std::string::npos);  // passwords never logged
}

// Polls `request` until it answers `status` or `seconds` pass; the last status.
int WithinSeconds(int seconds, int status, const std::function<int()>& request) {
  absl::Time deadline = absl::Now() + absl::Seconds(seconds);
  int last = request();
  while (last != status && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    last = request();
  }
  return last;
}

TEST_F(GatewayE2eTest, StaffSessionsRotateAndEndOnEveryGateway) {
  testing::Subprocess a, b;
  ASSERT_TRUE(a.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway-a.log"), env_));
  int port_b = testing::FreePort();
  std::vector<std::string> env_b = env_;
  testing::SetEnvVar(&env_b, "LASO_HTTP_PORT", absl::StrCat(port_b));
  ASSERT_TRUE(b.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway-b.log"), env_b));
  testing::HttpTestClient at_a(http_port_), at_b(port_b);
  ASSERT_TRUE(testing::WaitReady(at_a) && testing::WaitReady(at_b)) << ReadWholeFile(dir_.File("staff.log"));

  testing::StaffPerson op = testing::SignInNewStaff(at_a, env_, dir_.path(), "operator", "tongdai-02");
  ASSERT_FALSE(op.session.is_null());
  EXPECT_EQ(op.session["staff"]["displayName"], "Cán bộ tongdai-02");
  testing::HttpTestClient::Headers bearer = {{"Authorization", op.Bearer()}};
  EXPECT_EQ(at_a.Get("/v1/test/staff", bearer).status, 200);
  EXPECT_EQ(at_b.Get("/v1/test/staff", bearer).status, 200);

  // Refresh through the other gateway: a new pair; the spent refresh token, presented again, ends the session.
  std::string first_refresh = op.session["refreshToken"];
  auto refreshed = at_b.PostJson("/v1/auth/staff:refresh", nlohmann::json{{"refreshToken", first_refresh}}.dump());
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  std::string second_refresh = refreshed.Json()["refreshToken"];
  EXPECT_NE(second_refresh, first_refresh);
  testing::HttpTestClient::Headers renewed = {{"Authorization", "Bearer " + refreshed.Json()["accessToken"].get<std::string>()}};
  EXPECT_EQ(at_a.Get("/v1/test/staff", renewed).status, 200);
  auto reused = at_a.PostJson("/v1/auth/staff:refresh", nlohmann::json{{"refreshToken", first_refresh}}.dump());
  EXPECT_EQ(reused.status, 401) << reused.body;
  EXPECT_EQ(at_a.PostJson("/v1/auth/staff:refresh", nlohmann::json{{"refreshToken", second_refresh}}.dump()).status, 401)
      << "the whole session ended, the copy's refresh token too";
  EXPECT_EQ(WithinSeconds(3, 401, [&] { return at_a.Get("/v1/test/staff", renewed).status; }), 401);
  EXPECT_EQ(WithinSeconds(3, 401, [&] { return at_b.Get("/v1/test/staff", bearer).status; }), 401);

  // Signing in again needs a fresh code: the one just used is refused.
  nlohmann::json sign_in = {{"username", op.username}, {"password", op.password}, {"totp", testing::NextTotpCode(op.totp_secret, 1)}};
  auto again = at_b.PostJson("/v1/auth/staff", sign_in.dump());
  ASSERT_EQ(again.status, 200) << again.body;
  auto replayed = at_a.PostJson("/v1/auth/staff", sign_in.dump());
  EXPECT_EQ(replayed.status, 401) << replayed.body;
  EXPECT_NE(replayed.body.find("TOTP_REUSED"), std::string::npos) << replayed.body;

  // An admin ends every session of the person (a lost laptop): both gateways refuse within seconds.
  testing::HttpTestClient::Headers now = {{"Authorization", "Bearer " + again.Json()["accessToken"].get<std::string>()}};
  EXPECT_EQ(at_a.Get("/v1/test/staff", now).status, 200);
  RunCli({"staff", "revoke-sessions", op.username});
  EXPECT_EQ(WithinSeconds(3, 401, [&] { return at_a.Get("/v1/test/staff", now).status; }), 401);
  EXPECT_EQ(WithinSeconds(3, 401, [&] { return at_b.Get("/v1/test/staff", now).status; }), 401);
  auto ended = at_b.Get("/v1/test/staff", now);
  EXPECT_NE(ended.body.find("SESSION_ENDED"), std::string::npos) << ended.body;
}

TEST_F(GatewayE2eTest, GuessedPasswordsWaitAndDisabledAccountsAreRefused) {
  testing::Subprocess gateway;
  ASSERT_TRUE(gateway.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_));
  testing::HttpTestClient client(http_port_);
  ASSERT_TRUE(testing::WaitReady(client));
  testing::StaffPerson officer = testing::SignInNewStaff(client, env_, dir_.path(), "officer", "canbo-xd", "so-xd");
  ASSERT_FALSE(officer.session.is_null());
  EXPECT_EQ(officer.session["staff"]["agency"], "so-xd");
  auto attempt = [&](const std::string& password, int steps_ahead) {
    return client.PostJson("/v1/auth/staff", nlohmann::json{{"username", officer.username},
                                                            {"password", password},
                                                            {"totp", testing::NextTotpCode(officer.totp_secret, steps_ahead)}}
                                                 .dump());
  };
  for (int i = 0; i < 5; ++i) {
    auto wrong = attempt("not the password " + std::to_string(i), 1);
    EXPECT_EQ(wrong.status, 401) << wrong.body;
    EXPECT_NE(wrong.body.find("BAD_CREDENTIALS"), std::string::npos);
  }
  // Now it waits, even with the right password, and says how long.
  auto locked = attempt(officer.password, 1);
  EXPECT_EQ(locked.status, 429) << locked.body;
  int retry_after = 0;
  for (const auto& [name, value] : locked.headers) {
    if (absl::EqualsIgnoreCase(name, "Retry-After")) retry_after = std::stoi(value);
  }
  EXPECT_GE(retry_after, 25);
  EXPECT_LE(retry_after, 30);
  // A stranger's username is refused the same way as a wrong password: nothing tells which exist.
  auto stranger = client.PostJson("/v1/auth/staff", R"({"username":"nobody-here","password":"x","totp":"123456"})");
  EXPECT_EQ(stranger.status, 401);
  EXPECT_NE(stranger.body.find("BAD_CREDENTIALS"), std::string::npos);

  // A disabled account: its session ends, and a sign-in is refused at once.
  testing::HttpTestClient::Headers bearer = {{"Authorization", officer.Bearer()}};
  EXPECT_EQ(client.Get("/v1/me", bearer).status, 200);
  RunCli({"staff", "disable", officer.username});
  EXPECT_EQ(WithinSeconds(3, 401, [&] { return client.Get("/v1/me", bearer).status; }), 401);
}

TEST_F(GatewayE2eTest, MachineTokensAreListedAndRevokedEverywhere) {
  testing::Subprocess gateway;
  ASSERT_TRUE(gateway.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_));
  testing::HttpTestClient client(http_port_);
  ASSERT_TRUE(testing::WaitReady(client));
  std::string token = RunCli({"token", "--role", "admin", "--name", "ioc-dashboard", "--ttl", "2h"});
  testing::HttpTestClient::Headers bearer = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(client.Get("/v1/test/staff", bearer).status, 200);
  std::string listed = RunCli({"token", "list"});
  ASSERT_NE(listed.find("ioc-dashboard"), std::string::npos) << listed;
  std::string id = listed.substr(0, listed.find('\t'));
  EXPECT_EQ(id.rfind("mt_", 0), 0u) << listed;
  // Over the API too, for admins.
  auto api = client.Get("/v1/machine-tokens", bearer);
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(api.Json()["tokens"][0]["name"], "ioc-dashboard");
  EXPECT_EQ(api.body.find(token), std::string::npos) << "the bearer token is never shown again";

  RunCli({"token", "revoke", id});
  EXPECT_EQ(WithinSeconds(3, 401, [&] { return client.Get("/v1/test/staff", bearer).status; }), 401);
  EXPECT_NE(RunCli({"token", "list", "--all"}).find("revoked"), std::string::npos);
}

TEST_F(GatewayE2eTest, StaffRoutesFailClosedWithoutTheRevocationList) {
  testing::Subprocess gateway;
  ASSERT_TRUE(gateway.Start({Bin("services/gateway/laso-gateway")}, dir_.File("gateway.log"), env_));
  testing::HttpTestClient client(http_port_);
  ASSERT_TRUE(testing::WaitReady(client));
  testing::StaffPerson admin = testing::SignInNewStaff(client, env_, dir_.path(), "admin", "quantri");
  std::string machine = RunCli({"token", "--role", "admin", "--name", "cron-export", "--ttl", "1h"});
  testing::HttpTestClient::Headers person = {{"Authorization", admin.Bearer()}};
  testing::HttpTestClient::Headers script = {{"Authorization", "Bearer " + machine}};
  ASSERT_EQ(client.Get("/v1/test/staff", person).status, 200);
  redis_.Kill();
  // A person's token cannot be checked against revocations: refused (503) until Redis is back.
  EXPECT_EQ(WithinSeconds(10, 503, [&] { return client.Get("/v1/test/staff", person).status; }), 503);
  // A machine keeps feeding data on the last list it saw.
  EXPECT_EQ(client.Get("/v1/test/staff", script).status, 200);
  redis_.Restart();
  // The staff service writes the whole list again (staff.revocation_publish_interval), and people are let in.
  EXPECT_EQ(WithinSeconds(20, 200, [&] { return client.Get("/v1/test/staff", person).status; }), 200);
}

TEST_F(GatewayE2eTest, ABadConfigurationStopsItAtStartNamingTheKey) {
  env_.push_back("LASO_HTTP_PORT=eighty");
  EXPECT_TRUE(testing::RefusesToStartNaming(Bin("services/gateway/laso-gateway"), env_, dir_.File("bad.log"),
                                            "http.port"))
      << ReadWholeFile(dir_.File("bad.log"));
}

}  // namespace
}  // namespace laso
