#pragma once

#include "common/grpc/identity.h"
#include "laso/testing/v1/echo.grpc.pb.h"

namespace laso::testing {

// The test-only Echo service, written like a real service's gRPC adapter.
class EchoService final : public laso::testing::v1::Echo::Service {
 public:
  explicit EchoService(const rpc::IdentityVerifier& verifier) : verifier_(verifier) {}

  grpc::Status Echo(grpc::ServerContext* ctx, const v1::EchoRequest* request, v1::EchoResponse* response) override;
  grpc::Status Fail(grpc::ServerContext* ctx, const v1::FailRequest* request, v1::EchoResponse* response) override;
  grpc::Status Slow(grpc::ServerContext* ctx, const v1::SlowRequest* request, v1::EchoResponse* response) override;

 private:
  const rpc::IdentityVerifier& verifier_;
};

}  // namespace laso::testing
