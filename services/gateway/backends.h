#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/status.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace laso::gateway {

// The services behind the gateway, called with serialized messages through a
// generic stub and gRPC's callback API: no thread waits for a backend.
class Backends {
 public:
  // "name=host:port" entries, as in gateway.backends.
  static absl::StatusOr<std::unique_ptr<Backends>> Create(const std::vector<std::string>& entries);
  ~Backends();

  bool Has(const std::string& name) const { return stubs_.count(name) > 0; }
  std::vector<std::string> Names() const;

  using Done = std::function<void(const grpc::Status& status, std::string response)>;
  // `done` runs once, on a gRPC thread. The context carries deadline and metadata.
  void Call(const std::string& backend, const std::string& grpc_path, std::string request,
            std::unique_ptr<grpc::ClientContext> context, Done done);

  // grpc.health.v1 Check of every backend: name -> serving.
  void CheckHealth(absl::Duration timeout, std::function<void(std::map<std::string, bool>)> done);
  // laso.ops.v1.Ops/GetMetrics of every backend that answers: name -> Prometheus text.
  void FetchMetrics(absl::Duration timeout, std::function<void(std::map<std::string, std::string>)> done);

  // Calls started and not yet finished (shutdown waits for them).
  int64_t in_flight() const { return in_flight_; }

 private:
  template <typename Result>
  void FanOut(const std::string& grpc_path, const std::string& request, absl::Duration timeout,
              std::function<bool(const grpc::Status&, const std::string&, Result*)> parse,
              std::function<void(std::map<std::string, Result>)> done);

  std::map<std::string, std::unique_ptr<grpc::GenericStub>> stubs_;
  std::atomic<int64_t> in_flight_{0};
};

}  // namespace laso::gateway
