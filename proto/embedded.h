#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

// Files compiled into binaries at build time (proto/embed.cmake): the
// descriptor set of every laso proto and the OpenAPI documents generated from
// them, so the gateway needs no files beside it to know the API.
namespace laso {

struct EmbeddedFile {
  const char* name;
  const unsigned char* data;
  size_t size;
  std::string_view bytes() const { return {reinterpret_cast<const char*>(data), size}; }
};

// One FileDescriptorSet (--include_imports) of every proto in proto/.
std::string_view LasoDescriptorSet();

// One Swagger 2.0 document per proto file that declares a service.
std::vector<EmbeddedFile> LasoOpenApiDocuments();

}  // namespace laso
