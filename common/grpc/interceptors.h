#pragma once

#include <grpcpp/support/server_interceptor.h>

// One access-log line and per-method metrics for every call a server handles,
// whatever the handler does.
namespace laso::rpc {

class ObservabilityInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace laso::rpc
