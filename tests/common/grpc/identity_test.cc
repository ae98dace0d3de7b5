#include "common/grpc/identity.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "common/crypto/random.h"
#include "common/testing/grpc_test_server.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "tests/support/echo_service.h"

namespace laso::rpc {
namespace {

using laso::testing::TestIdentity;
using laso::testing::v1::Echo;

class IdentityTest : public ::testing::Test {
 protected:
  absl::Status CallEcho(const std::function<void(grpc::ClientContext*)>& prepare,
                        laso::testing::v1::EchoResponse* resp) {
    auto stub = Echo::NewStub(server_.channel());
    grpc::ClientContext ctx;
    prepare(&ctx);
    grpc::Status status = stub->Echo(&ctx, {}, resp);
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }

  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  TestIdentity identity_{&clock_};
  laso::testing::EchoService echo_{identity_.verifier()};
  laso::testing::GrpcTestServer server_{{&echo_}};
};

TEST_F(IdentityTest, ASignedCallerReachesTheHandler) {
  laso::testing::v1::EchoResponse resp;
  ASSERT_TRUE(CallEcho([&](grpc::ClientContext* ctx) {
                identity_.As(TestIdentity::Citizen("1234", "84987654321"), ctx);
              }, &resp).ok());
  EXPECT_EQ(resp.caller_subject(), "zalo:1234");
  EXPECT_EQ(resp.caller_role(), "citizen");
}

TEST_F(IdentityTest, CallsAroundTheGatewayAreRefused) {
  laso::testing::v1::EchoResponse resp;
  EXPECT_EQ(CallEcho([](grpc::ClientContext*) {}, &resp).code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(IdentityTest, AnotherKeyIsRefused) {
  IdentitySigner forger(crypto::RandomBytes(32), &clock_);
  laso::testing::v1::EchoResponse resp;
  auto status = CallEcho([&](grpc::ClientContext* ctx) {
    forger.Attach(TestIdentity::Staff(Role::ADMIN, "mallory"), ctx);
  }, &resp);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(IdentityTest, AnAlteredIdentityIsRefused) {
  laso::testing::v1::EchoResponse resp;
  auto status = CallEcho([&](grpc::ClientContext* ctx) {
    // A valid MAC for one caller, presented with another caller's bytes.
    grpc::ClientContext scratch;
    identity_.As(TestIdentity::Citizen("1"), &scratch);
    Caller admin = TestIdentity::Staff(Role::ADMIN, "mallory");
    admin.set_issued_at(absl::ToUnixSeconds(clock_.Now()));
    ctx->AddMetadata(kCallerHeader, admin.SerializeAsString());
    ctx->AddMetadata(kCallerMacHeader, std::string(64, 'a'));
  }, &resp);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(IdentityTest, StaleIdentitiesAreRefused) {
  FakeClock past(clock_.Now() - absl::Minutes(10));
  IdentitySigner old_signer(identity_.key(), &past);
  laso::testing::v1::EchoResponse resp;
  auto status = CallEcho([&](grpc::ClientContext* ctx) {
    old_signer.Attach(TestIdentity::Citizen("1"), ctx);
  }, &resp);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnauthenticated);
}

TEST(InternalKeyTest, CreatedOnceAndSharedThroughTheDataDir) {
  laso::testing::TempDir dir;
  auto first = LoadInternalKey("", dir.path(), RealClock::Get());
  auto second = LoadInternalKey("", dir.path(), RealClock::Get());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->size(), 32u);
  EXPECT_EQ(*first, *second);
}

}  // namespace
}  // namespace laso::rpc
