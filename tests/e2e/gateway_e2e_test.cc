// The gateway, fake-zalo and the laso CLI as processes, configured only through
// the environment, the way tools/up and a deployment run them.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/grpc/identity.h"
#include "common/testing/grpc_test_server.h"
#include "common/testing/http_test_client.h"
#include "common/testing/ports.h"
#include "common/testing/redis_server.h"
#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "tests/e2e/processes.h"
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
  }

  // Runs the laso CLI and returns what it printed on stdout.
  std::string RunCli(const std::vector<std::string>& args) {
    EXPECT_EQ(testing::RunCli(args, env_, dir_.File("cli.out")), 0);
    return std::string(absl::StripAsciiWhitespace(ReadWholeFile(dir_.File("cli.out"))));
  }

  testing::TempDir dir_;
  testing::RedisServer redis_;
  testing::Subprocess zalo_;
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

  // A staff token from the CLI, signed with the key the running gateway uses.
  std::string staff = RunCli({"token", "--role", "operator", "--name", "tongdai-01", "--ttl", "1h"});
  ASSERT_FALSE(staff.empty());
  auto staff_call = client.Get("/v1/test/staff", {{"Authorization", "Bearer " + staff}});
  EXPECT_EQ(staff_call.status, 200) << staff_call.body;
  EXPECT_EQ(staff_call.Json()["callerSubject"], "staff:tongdai-01");

  // SIGTERM: a clean exit, promptly.
  absl::Time start = absl::Now();
  int status = gateway.Terminate(absl::Seconds(15));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  std::string log = ReadWholeFile(dir_.File("gateway.log"));
  EXPECT_EQ(log.find("demo-zalo-access-token"), std::string::npos);  // tokens never logged
  EXPECT_EQ(log.find(staff), std::string::npos);
}

TEST_F(GatewayE2eTest, ABadConfigurationStopsItAtStartNamingTheKey) {
  env_.push_back("LASO_HTTP_PORT=eighty");
  EXPECT_TRUE(testing::RefusesToStartNaming(Bin("services/gateway/laso-gateway"), env_, dir_.File("bad.log"),
                                            "http.port"))
      << ReadWholeFile(dir_.File("bad.log"));
}

}  // namespace
}  // namespace laso
