#include "common/testing/grpc_test_server.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "common/grpc/channel.h"

namespace laso::testing {
namespace {

rpc::ServerOptions TestOptions(int port) {
  rpc::ServerOptions options;
  options.listen = absl::StrCat("127.0.0.1:", port);
  options.drain_timeout = absl::Seconds(2);
  return options;
}

}  // namespace

GrpcTestServer::GrpcTestServer(std::vector<grpc::Service*> services, int port) : server_(TestOptions(port)) {
  for (grpc::Service* s : services) server_.AddService(s);
  if (auto status = server_.Start(); !status.ok()) {
    std::fprintf(stderr, "test gRPC server: %s\n", std::string(status.message()).c_str());
    std::abort();
  }
  channel_ = rpc::NewChannel(absl::StrCat("127.0.0.1:", server_.port()));
}

GrpcTestServer::~GrpcTestServer() { server_.Shutdown(); }

}  // namespace laso::testing
