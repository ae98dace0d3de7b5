#include "common/grpc/ops_service.h"

#include "common/metrics/metrics.h"
#include "laso/ops/v1/ops.grpc.pb.h"

namespace laso::rpc {
namespace {

class OpsService final : public laso::ops::v1::Ops::Service {
  grpc::Status GetMetrics(grpc::ServerContext*, const laso::ops::v1::GetMetricsRequest*,
                          laso::ops::v1::GetMetricsResponse* response) override {
    response->set_text(metrics::Registry::Default().RenderText());
    return grpc::Status::OK;
  }
};

}  // namespace

std::unique_ptr<grpc::Service> NewOpsService() { return std::make_unique<OpsService>(); }

}  // namespace laso::rpc
