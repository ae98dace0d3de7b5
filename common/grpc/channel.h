#pragma once

#include <memory>
#include <string>

#include <grpcpp/channel.h>

namespace laso::rpc {

// A channel to another laso process: keepalive so dead peers are noticed, no
// message limits below ours, and quick reconnects after a restart.
// `service_config` (JSON, may be empty): e.g. a load-balancing policy for a name with several addresses.
std::shared_ptr<grpc::Channel> NewChannel(const std::string& target, int max_message_bytes = 32 << 20,
                                          const std::string& service_config = "");

}  // namespace laso::rpc
