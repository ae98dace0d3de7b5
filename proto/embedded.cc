#include "proto/embedded.h"

namespace laso {

extern const EmbeddedFile kLasoDescriptorSet[];
extern const size_t kLasoDescriptorSet_count;
extern const EmbeddedFile kLasoOpenApi[];
extern const size_t kLasoOpenApi_count;

std::string_view LasoDescriptorSet() { return kLasoDescriptorSet[0].bytes(); }

std::vector<EmbeddedFile> LasoOpenApiDocuments() {
  return std::vector<EmbeddedFile>(kLasoOpenApi, kLasoOpenApi + kLasoOpenApi_count);
}

}  // namespace laso
