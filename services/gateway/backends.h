#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/status.h>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/gateway/backend_stream.h"

namespace laso::gateway {

// The services behind the gateway, called with serialized messages through a
// generic stub and gRPC's callback API: no thread waits for a backend.
//
// A backend may run as several replicas: "name=host:port|host:port|..." gives
// each address its own channel, picked round-robin among those that are up
// (the channel is not failing) and serving (the last grpc.health.v1 check, every
// health interval, said SERVING: a replica draining on SIGTERM says NOT_SERVING).
// "name=dns:///host:port" leaves it to gRPC: every address the name resolves
// to, round-robin with gRPC's own health checking.
class Backends {
 public:
  // Entries as in gateway.backends. `health_interval` 0: no probing (tests).
  static absl::StatusOr<std::unique_ptr<Backends>> Create(const std::vector<std::string>& entries,
                                                          absl::Duration health_interval = absl::ZeroDuration());
  ~Backends();

  bool Has(const std::string& name) const { return backends_.count(name) > 0; }
  std::vector<std::string> Names() const;
  // How many replicas a backend lists (a dns:/// name counts as one).
  int Replicas(const std::string& name) const;

  using Done = std::function<void(const grpc::Status& status, std::string response)>;
  using ContextFactory = std::function<std::unique_ptr<grpc::ClientContext>()>;
  // `done` runs once, on a gRPC thread. The context carries deadline and metadata.
  void Call(const std::string& backend, const std::string& grpc_path, std::string request,
            std::unique_ptr<grpc::ClientContext> context, Done done);
  // For a call that may safely run twice (a GET): when the replica it went to
  // is unreachable (UNAVAILABLE), it is sent once more, to another replica,
  // with a fresh context from `make_context`.
  void CallIdempotent(const std::string& backend, const std::string& grpc_path, std::string request,
                      ContextFactory make_context, Done done);

  // A server-streaming call (an export), on a replica picked as for Call.
  std::shared_ptr<MessageStream> Stream(const std::string& backend, const std::string& grpc_path, std::string request,
                                        std::unique_ptr<grpc::ClientContext> context);

  // grpc.health.v1 Check of every backend: name -> serving.
  void CheckHealth(absl::Duration timeout, std::function<void(std::map<std::string, bool>)> done);
  // laso.ops.v1.Ops/GetMetrics of every backend that answers: name -> Prometheus text.
  void FetchMetrics(absl::Duration timeout, std::function<void(std::map<std::string, std::string>)> done);

  // Calls started and not yet finished (shutdown waits for them).
  int64_t in_flight() const { return in_flight_; }

  struct Replica;
  struct Backend;

 private:
  Backends() = default;
  // The next usable replica of `b` after the last one picked, avoiding `avoid` when another will do.
  Replica* Pick(Backend& b, const Replica* avoid = nullptr);
  void Send(Replica& replica, const std::string& grpc_path, std::string request,
            std::unique_ptr<grpc::ClientContext> context, Done done);
  void ProbeHealth(absl::Duration timeout);
  template <typename Result>
  void FanOut(const std::string& grpc_path, const std::string& request, absl::Duration timeout,
              std::function<bool(const grpc::Status&, const std::string&, Result*)> parse,
              std::function<void(std::map<std::string, Result>)> done);

  std::map<std::string, std::unique_ptr<Backend>> backends_;
  std::atomic<int64_t> in_flight_{0};
  std::atomic<bool> stopping_{false};
  std::unique_ptr<std::thread> prober_;
  absl::Mutex prober_mu_;
  absl::CondVar prober_wake_;
};

}  // namespace laso::gateway
