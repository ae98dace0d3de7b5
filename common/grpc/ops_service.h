#pragma once

#include <memory>

#include <grpcpp/impl/codegen/service_type.h>

namespace laso::rpc {

// laso.ops.v1.Ops over this process's metrics registry.
std::unique_ptr<grpc::Service> NewOpsService();

}  // namespace laso::rpc
