#include "common/grpc/interceptors.h"

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "common/grpc/identity.h"
#include "common/log/log.h"
#include "common/metrics/metrics.h"

namespace laso::rpc {
namespace {

using grpc::experimental::InterceptionHookPoints;

metrics::CounterFamily& Calls() {
  static auto& family = metrics::Registry::Default().Counter(
      "laso_grpc_server_handled_total", "gRPC calls handled, by method and status code", {"method", "code"});
  return family;
}

metrics::HistogramFamily& Latency() {
  static auto& family = metrics::Registry::Default().Histogram(
      "laso_grpc_server_handling_seconds", "gRPC call latency by method", {"method"}, metrics::LatencyBuckets());
  return family;
}

class ObservabilityInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit ObservabilityInterceptor(grpc::experimental::ServerRpcInfo* info)
      : method_(info->method()), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto* md = methods->GetRecvInitialMetadata();
      auto it = md->find(kRequestIdHeader);
      if (it != md->end()) request_id_.assign(it->second.data(), std::min<size_t>(it->second.size(), 128));
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      std::string code(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())));
      double seconds = absl::ToDoubleSeconds(absl::Now() - start_);
      Calls().Inc({method_, code});
      Latency().Observe({method_}, seconds);
      log::ScopedRequestId scoped(request_id_);
      log::Info("rpc", {{"method", method_}, {"code", code}, {"ms", seconds * 1000}});
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  std::string request_id_;
  absl::Time start_;
};

}  // namespace

grpc::experimental::Interceptor* ObservabilityInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new ObservabilityInterceptor(info);
}

}  // namespace laso::rpc
