#include "tests/services/gateway/gateway_fixture.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/laso_schema.h"
#include "common/grpc/identity.h"
#include "common/auth/revocations.h"

namespace laso::gateway {

void GatewayTest::SetUp() {
  http::ServerOptions zalo_http;
  zalo_http.threads = 1;
  zalo_server_ = std::make_unique<http::Server>(zalo_http, &zalo_);
  ASSERT_TRUE(zalo_server_->Start().ok());

  // The backend verifies identities with the key the gateway will sign with.
  auto key = rpc::LoadInternalKey("", dir_.path(), RealClock::Get());
  ASSERT_TRUE(key.ok()) << key.status();
  identity_ = std::make_unique<testing::TestIdentity>(*key, RealClock::Get());
  echo_ = std::make_unique<testing::EchoService>(identity_->verifier());
  library_ = std::make_unique<testing::LibraryService>(identity_->verifier());
  backend_ = std::make_unique<testing::GrpcTestServer>(std::vector<grpc::Service*>{echo_.get(), library_.get()});
  backend_port_ = backend_->port();
  StartGateway();
}

void GatewayTest::StartGateway() {
  config::Config config = config::Config::Defaults(LasoSchema());
  auto set = [&](const char* key, const std::string& value) {
    auto s = config.Set(key, value);
    ASSERT_TRUE(s.ok()) << s;
  };
  set("data_dir", dir_.path());
  set("keys.create_missing", "true");  // one process on one machine
  set("http.port", "0");
  set("redis.address", redis_.address());
  set("gateway.backends", absl::StrCat("testing=127.0.0.1:", backend_port_));
  set("gateway.descriptor_sets", LASO_TEST_DESCRIPTOR_SET);
  set("zalo.graph_base_url", absl::StrCat("http://127.0.0.1:", zalo_server_->port()));
  set("zalo.app_secret", "test-app-secret");
  // As the staff service does: nothing is revoked (unless a test killed Redis).
  (void)redis::Client(redis_.ClientOptions()).Run({"ZADD", auth::kRevokedKey, auth::kCompleteScore, auth::kCompleteMember});
  Configure(config);
  auto options = GatewayOptionsFromConfig(config);
  ASSERT_TRUE(options.ok()) << options.status();
  auto gateway = Gateway::Create(*options, RealClock::Get());
  ASSERT_TRUE(gateway.ok()) << gateway.status();
  gateway_ = std::move(*gateway);
  ASSERT_TRUE(gateway_->Start().ok());
  client_ = std::make_unique<testing::HttpTestClient>(gateway_->port());
}

void GatewayTest::TearDown() {
  client_.reset();
  gateway_.reset();
  backend_.reset();
  if (zalo_server_) zalo_server_->Stop(absl::ZeroDuration());
}

int GatewayTest::PollUntil(int status, const std::function<int()>& request) {
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  int last = 0;
  while (absl::Now() < deadline && (last = request()) != status) absl::SleepFor(absl::Milliseconds(50));
  return last;
}

std::string GatewayTest::CitizenToken(const std::string& phone) {
  auto user = zalo_.AddUser("Trần Thị Bình", phone.empty() ? "84912345678" : phone);
  testing::HttpResult r;
  if (phone.empty()) {
    r = client_->PostJson("/v1/auth/zalo", absl::StrCat(R"({"accessToken":")", user.access_token, "\"}"));
  } else {
    r = client_->PostJson("/v1/auth/zalo/phone", absl::StrCat(R"({"accessToken":")", user.access_token,
                                                              R"(","phoneToken":")", user.phone_token, "\"}"));
  }
  EXPECT_EQ(r.status, 200) << r.body;
  return r.Json().value("sessionToken", "");
}

std::string GatewayTest::ConsentedCitizenToken(const std::string& zalo_id) {
  auto keys = auth::LoadJwtKeys(dir_.File("keys/gateway-jwt.key"), RealClock::Get());
  EXPECT_TRUE(keys.ok());
  auth::SessionTokens tokens(std::move(*keys), auth::TokenOptions{}, RealClock::Get());
  auto issued = tokens.IssueSession({.zalo_id = zalo_id, .name = "Lê Văn Cường", .consent_version = 1});
  EXPECT_TRUE(issued.ok()) << issued.status();
  return issued->token;
}

std::string GatewayTest::StaffToken(rpc::Role role, const std::string& name, const std::string& agency,
                                    const std::string& session) {
  auto keys = auth::LoadJwtKeys(dir_.File("keys/gateway-jwt.key"), RealClock::Get());
  EXPECT_TRUE(keys.ok());
  auth::SessionTokens tokens(std::move(*keys), auth::TokenOptions{}, RealClock::Get());
  // People's roles get a person's access token (in a session), the rest a machine token.
  auto issued = auth::IsStaffRole(role)
                    ? tokens.IssueStaff({name, name, role, agency, session.empty() ? "session-" + name : session},
                                        absl::Minutes(15))
                    : tokens.IssueMachine({"mt-" + name, name, role, agency}, absl::Hours(1));
  EXPECT_TRUE(issued.ok()) << issued.status();
  return issued->token;
}

void GatewayTest::PublishRevocations(const std::vector<std::string>& ids, bool complete) {
  redis::Command add = {"ZADD", auth::kRevokedKey};
  for (const std::string& id : ids) {
    add.push_back(absl::StrCat(absl::ToUnixSeconds(absl::Now()) + 3600));
    add.push_back(id);
  }
  if (complete) {
    add.push_back(auth::kCompleteScore);
    add.push_back(auth::kCompleteMember);
  }
  if (add.size() <= 2) return;
  redis::Client client(redis_.ClientOptions());
  auto reply = client.Run(add);
  ASSERT_TRUE(reply.ok()) << reply.status();
}

}  // namespace laso::gateway
