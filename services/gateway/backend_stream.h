#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/status.h>

namespace laso::gateway {

// A server-streaming call to a backend, read one message at a time: the next
// message is asked for only when the one before has been passed on, so a slow
// HTTP client slows the backend instead of filling the gateway's memory.
class MessageStream {
 public:
  virtual ~MessageStream() = default;
  // `got` runs once, on a gRPC thread: the next message (serialized), or
  // std::nullopt with OK at the end, or the call's failure.
  using Got = std::function<void(const grpc::Status& status, std::optional<std::string> message)>;
  virtual void Read(Got got) = 0;
  // The reader is gone: the call is cancelled; a pending Read still gets its answer.
  virtual void Cancel() = 0;
};

// A received message's bytes in one string.
std::string ByteBufferToString(const grpc::ByteBuffer& buffer);

// Starts the call; `finished` runs once when it is over (for the in-flight count).
std::shared_ptr<MessageStream> StartMessageStream(grpc::GenericStub& stub, const std::string& grpc_path,
                                                  std::string request, std::unique_ptr<grpc::ClientContext> context,
                                                  std::function<void()> finished);

}  // namespace laso::gateway
