#pragma once

#include <string>

namespace laso::gateway {

// GET /openapi.json: the Swagger 2.0 documents protoc-gen-swagger made at build
// time (one per proto package) merged into one. Definitions are renamed per
// package ("dossier.v1Dossier") so equal message names cannot collide.
std::string MergedOpenApi();

}  // namespace laso::gateway
