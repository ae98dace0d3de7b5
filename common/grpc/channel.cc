#include "common/grpc/channel.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

namespace laso::rpc {

std::shared_ptr<grpc::Channel> NewChannel(const std::string& target, int max_message_bytes,
                                          const std::string& service_config) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(max_message_bytes);
  args.SetMaxSendMessageSize(max_message_bytes);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5000);
  // After a backend restarts, try again within a second rather than the default backoff.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  // No transparent retries: they buffer every call for a replay we do not
  // want (writes carry idempotency keys and the caller decides to retry).
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
  if (!service_config.empty()) args.SetServiceConfigJSON(service_config);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

}  // namespace laso::rpc
