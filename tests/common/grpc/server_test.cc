#include "common/grpc/server.h"

#include <thread>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "common/grpc/grpc_status.h"
#include "common/status/status.h"
#include "common/grpc/channel.h"
#include "common/testing/grpc_test_server.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "laso/ops/v1/ops.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/echo_service.h"

namespace laso::rpc {
namespace {

using laso::testing::v1::Echo;

class ServerTest : public ::testing::Test {
 protected:
  laso::testing::TestIdentity identity_;
  laso::testing::EchoService echo_{identity_.verifier()};
  std::unique_ptr<laso::testing::GrpcTestServer> server_ =
      std::make_unique<laso::testing::GrpcTestServer>(std::vector<grpc::Service*>{&echo_});
};

TEST_F(ServerTest, ServesOnARealSocketWithHealthAndMetrics) {
  EXPECT_GT(server_->port(), 0);
  auto health = grpc::health::v1::Health::NewStub(server_->channel());
  grpc::ClientContext ctx;
  grpc::health::v1::HealthCheckRequest req;
  grpc::health::v1::HealthCheckResponse resp;
  ASSERT_TRUE(health->Check(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  auto echo = Echo::NewStub(server_->channel());
  grpc::ClientContext call;
  identity_.As(laso::testing::TestIdentity::Anonymous(), &call);
  laso::testing::v1::EchoRequest echo_req;
  laso::testing::v1::EchoResponse echo_resp;
  ASSERT_TRUE(echo->Echo(&call, echo_req, &echo_resp).ok());

  auto ops = laso::ops::v1::Ops::NewStub(server_->channel());
  grpc::ClientContext ops_ctx;
  laso::ops::v1::GetMetricsResponse metrics;
  ASSERT_TRUE(ops->GetMetrics(&ops_ctx, {}, &metrics).ok());
  EXPECT_NE(metrics.text().find("laso_grpc_server_handled_total{method=\"/laso.testing.v1.Echo/Echo\",code=\"OK\"}"),
            std::string::npos)
      << metrics.text();
}

TEST(ServerOnAUnixSocketTest, ServesCallsOnTheSocketFile) {
  laso::testing::TempDir dir;
  laso::testing::TestIdentity identity;
  laso::testing::EchoService echo(identity.verifier());
  const std::string endpoint = "unix:" + dir.File("dossier.sock");
  Server server({.listen = endpoint});
  server.AddService(&echo);
  ASSERT_TRUE(server.Start().ok());
  auto stub = Echo::NewStub(NewChannel(endpoint));
  grpc::ClientContext call;
  call.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  identity.As(laso::testing::TestIdentity::Anonymous(), &call);
  laso::testing::v1::EchoRequest req;
  laso::testing::v1::EchoResponse resp;
  EXPECT_TRUE(stub->Echo(&call, req, &resp).ok());
}

TEST_F(ServerTest, PropagatesTheRequestIdToTheHandler) {
  auto echo = Echo::NewStub(server_->channel());
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-request-id", "req-42");
  identity_.As(laso::testing::TestIdentity::Anonymous(), &ctx);
  laso::testing::v1::EchoResponse resp;
  ASSERT_TRUE(echo->Echo(&ctx, {}, &resp).ok());
  EXPECT_EQ(resp.request_id(), "req-42");
}

TEST_F(ServerTest, FieldViolationsCrossTheWire) {
  auto echo = Echo::NewStub(server_->channel());
  grpc::ClientContext ctx;
  identity_.As(laso::testing::TestIdentity::Anonymous(), &ctx);
  laso::testing::v1::FailRequest req;
  req.set_code(static_cast<int>(absl::StatusCode::kInvalidArgument));
  req.set_message("Mô tả quá ngắn.");
  req.set_field("description");
  laso::testing::v1::EchoResponse resp;
  absl::Status status = FromGrpcStatus(echo->Fail(&ctx, req, &resp));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "Mô tả quá ngắn.");
  ASSERT_EQ(FieldViolations(status).size(), 1u);
  EXPECT_EQ(FieldViolations(status)[0].field, "description");
}

TEST_F(ServerTest, InternalErrorTextIsHiddenFromCallers) {
  auto echo = Echo::NewStub(server_->channel());
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-request-id", "req-7");
  identity_.As(laso::testing::TestIdentity::Anonymous(), &ctx);
  laso::testing::v1::FailRequest req;
  req.set_code(static_cast<int>(absl::StatusCode::kInternal));
  req.set_message("no such table: dossiers_v2 in /srv/laso/dossier.db");
  laso::testing::v1::EchoResponse resp;
  grpc::Status status = echo->Fail(&ctx, req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message().find("dossiers_v2"), std::string::npos);
  EXPECT_NE(status.error_message().find("req-7"), std::string::npos);
}

TEST_F(ServerTest, ShutdownLetsInFlightCallsFinish) {
  auto echo = Echo::NewStub(server_->channel());
  grpc::Status slow_status;
  laso::testing::v1::EchoResponse slow_resp;
  std::thread caller([&] {
    grpc::ClientContext ctx;
    identity_.As(laso::testing::TestIdentity::Anonymous(), &ctx);
    laso::testing::v1::SlowRequest req;
    req.set_millis(300);
    slow_status = echo->Slow(&ctx, req, &slow_resp);
  });
  absl::SleepFor(absl::Milliseconds(100));  // the call is in flight
  absl::Time start = absl::Now();
  server_->Shutdown();
  caller.join();
  EXPECT_TRUE(slow_status.ok()) << slow_status.error_message();
  EXPECT_EQ(slow_resp.message(), "slept");
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
}

}  // namespace
}  // namespace laso::rpc
