// The gRPC adapter on a real socket, with caller identity as the gateway signs it.
#include <grpcpp/grpcpp.h>

#include "common/testing/grpc_test_server.h"
#include "services/feedback/feedback_service.h"
#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

class FeedbackGrpcTest : public FeedbackTest {
 protected:
  FeedbackGrpcTest() : grpc_(*feedbacks_, *attachments_, identity_.verifier(), pool_), server_({&grpc_}) {}
  testing::TestIdentity identity_;
  process::WorkerPool pool_{2};
  FeedbackGrpc grpc_;
  testing::GrpcTestServer server_;
};

TEST_P(FeedbackGrpcTest, IdempotencyKeyTravelsAsMetadata) {
  auto stub = v1::FeedbackService::NewStub(server_.channel());
  v1::CreateFeedbackResponse first, second;
  for (auto* out : {&first, &second}) {
    grpc::ClientContext ctx;
    identity_.As(Resident(), &ctx);
    ctx.AddMetadata("idempotency-key", "phone-retry-1");
    ASSERT_TRUE(stub->CreateFeedback(&ctx, Pothole(), out).ok());
  }
  EXPECT_EQ(first.id(), second.id());
  grpc::ClientContext list_ctx;
  identity_.As(Resident(), &list_ctx);
  v1::ListFeedbackResponse mine;
  ASSERT_TRUE(stub->ListMyFeedback(&list_ctx, v1::ListMyFeedbackRequest(), &mine).ok());
  EXPECT_EQ(mine.items_size(), 1);

  grpc::ClientContext unsigned_ctx;  // not through the gateway
  v1::CreateFeedbackResponse none;
  EXPECT_EQ(stub->CreateFeedback(&unsigned_ctx, Pothole(), &none).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace

LASO_ON_BOTH_ENGINES(FeedbackGrpcTest);

}  // namespace laso::feedback
