#pragma once

#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>

#include "absl/status/statusor.h"

namespace laso::gateway {

// The API the gateway serves, as protobuf descriptors: the descriptor set
// compiled into the binary (every proto in proto/) plus any extra descriptor
// set files from configuration. An RPC added to a proto with an HTTP
// annotation is reachable after a rebuild with no gateway change; one in an
// extra descriptor set is reachable without even a rebuild.
class DescriptorRegistry {
 public:
  static absl::StatusOr<std::unique_ptr<DescriptorRegistry>> Create(const std::vector<std::string>& extra_sets);

  const google::protobuf::DescriptorPool* pool() const { return pool_.get(); }
  google::protobuf::MessageFactory* factory() const { return factory_.get(); }
  std::vector<const google::protobuf::ServiceDescriptor*> Services() const;
  // A new, empty message of the given type.
  std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor* type) const;

 private:
  absl::Status AddSet(const std::string& bytes, const std::string& origin);

  std::unique_ptr<google::protobuf::DescriptorPool> pool_;
  std::unique_ptr<google::protobuf::DynamicMessageFactory> factory_;
  std::vector<std::string> files_;
};

}  // namespace laso::gateway
