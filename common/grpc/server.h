#pragma once

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/config/config.h"

// Starting and stopping a service's gRPC server the same way everywhere:
// listen address, bounded threads, message limits, grpc.health.v1, reflection,
// the observability interceptor, the Ops service, and a graceful shutdown that
// lets in-flight calls finish within a deadline.
namespace laso::rpc {

struct ServerOptions {
  std::string listen = "127.0.0.1:0";
  int max_threads = 64;
  int max_message_bytes = 32 << 20;
  absl::Duration drain_timeout = absl::Seconds(10);
};

// grpc.* keys plus the listen address from the given key (e.g. "dossier.listen").
ServerOptions ServerOptionsFromConfig(const config::Config& config, const std::string& listen_key);

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();

  // Services must outlive the server.
  void AddService(grpc::Service* service);
  absl::Status Start();
  // The bound port (useful when listening on port 0).
  int port() const { return port_; }

  // Reports NOT_SERVING, stops accepting calls, waits for in-flight calls up to
  // the drain timeout, then cancels what is left.
  void Shutdown();

  // For main(): waits for SIGTERM or SIGINT, then shuts down. Call
  // process::BlockTerminationSignals() at the top of main() first.
  void RunUntilSignal();

 private:
  ServerOptions options_;
  std::vector<grpc::Service*> services_;
  std::unique_ptr<grpc::Service> ops_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace laso::rpc
