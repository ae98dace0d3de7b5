#include "services/gateway/descriptor_registry.h"

#include <fstream>
#include <sstream>

#include <google/protobuf/descriptor.pb.h>

#include "absl/strings/str_cat.h"
#include "proto/embedded.h"

namespace laso::gateway {

absl::StatusOr<std::unique_ptr<DescriptorRegistry>> DescriptorRegistry::Create(
    const std::vector<std::string>& extra_sets) {
  auto registry = std::unique_ptr<DescriptorRegistry>(new DescriptorRegistry());
  registry->pool_ = std::make_unique<google::protobuf::DescriptorPool>();
  if (auto s = registry->AddSet(std::string(LasoDescriptorSet()), "built-in"); !s.ok()) return s;
  for (const std::string& path : extra_sets) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat("descriptor set ", path, " not found"));
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (auto s = registry->AddSet(bytes.str(), path); !s.ok()) return s;
  }
  registry->factory_ = std::make_unique<google::protobuf::DynamicMessageFactory>(registry->pool_.get());
  return registry;
}

absl::Status DescriptorRegistry::AddSet(const std::string& bytes, const std::string& origin) {
  google::protobuf::FileDescriptorSet set;
  if (!set.ParseFromString(bytes)) {
    return absl::InvalidArgumentError(absl::StrCat("descriptor set ", origin, " does not parse"));
  }
  // Sets made with --include_imports list dependencies first; files another set
  // already brought (google/api/annotations.proto, ...) are skipped.
  for (const auto& file : set.file()) {
    if (pool_->FindFileByName(file.name()) != nullptr) continue;
    if (pool_->BuildFile(file) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("descriptor set ", origin, ": cannot build ", file.name()));
    }
    files_.push_back(file.name());
  }
  return absl::OkStatus();
}

std::vector<const google::protobuf::ServiceDescriptor*> DescriptorRegistry::Services() const {
  std::vector<const google::protobuf::ServiceDescriptor*> out;
  for (const std::string& name : files_) {
    const auto* file = pool_->FindFileByName(name);
    for (int i = 0; file != nullptr && i < file->service_count(); ++i) out.push_back(file->service(i));
  }
  return out;
}

std::unique_ptr<google::protobuf::Message> DescriptorRegistry::NewMessage(
    const google::protobuf::Descriptor* type) const {
  return std::unique_ptr<google::protobuf::Message>(factory_->GetPrototype(type)->New());
}

}  // namespace laso::gateway
