#pragma once

#include <functional>
#include <string>

#include <google/protobuf/descriptor.h>

#include "absl/status/statusor.h"
#include "common/grpc/identity.h"

namespace laso::gateway {

struct LocalCall {
  rpc::Caller caller;
  std::string request_id;
  absl::Time token_expires_at;
};

// RPCs the gateway serves itself (services whose backend is "gateway"), with
// the same serialized messages a backend would get.
class LocalService {
 public:
  virtual ~LocalService() = default;
  virtual bool Serves(const google::protobuf::MethodDescriptor* method) const = 0;
  // `done` runs once, on any thread.
  virtual void Call(const google::protobuf::MethodDescriptor* method, const LocalCall& call, std::string request,
                    std::function<void(absl::StatusOr<std::string>)> done) = 0;
};

}  // namespace laso::gateway
