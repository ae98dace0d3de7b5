#pragma once

#include <memory>
#include <vector>

#include <grpcpp/channel.h>

#include "common/grpc/server.h"

namespace laso::testing {

// Services on a real loopback socket (port chosen by the system), the same
// bootstrap as production, and a channel to reach them.
class GrpcTestServer {
 public:
  // On a port chosen by the system, or on `port` (to restart a service where it was).
  explicit GrpcTestServer(std::vector<grpc::Service*> services, int port = 0);
  ~GrpcTestServer();
  int port() const { return server_.port(); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  void Shutdown() { server_.Shutdown(); }

 private:
  rpc::Server server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace laso::testing
