#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace laso {

// The one mapping between absl and gRPC statuses; payloads (field violations,
// reasons) travel both ways in grpc-status-details-bin.
grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace laso
