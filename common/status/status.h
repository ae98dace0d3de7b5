#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/macros.h"

// Inside laso, functions that can fail return absl::Status / absl::StatusOr<T>.
// Extra facts ride along as payloads (google.rpc.BadRequest for bad fields,
// laso.api.ErrorInfo for a machine-readable reason) and cross the gRPC
// boundary in grpc-status-details-bin, where the gateway turns them into the
// "details" of the JSON error body.
namespace laso {

struct FieldViolation {
  std::string field;
  std::string description;
  bool operator==(const FieldViolation&) const = default;
};

// INVALID_ARGUMENT whose message is the description, naming the field.
absl::Status InvalidField(absl::string_view field, absl::string_view description);

// Adds one more field violation to a status (any code).
absl::Status AddFieldViolation(absl::Status status, absl::string_view field,
                               absl::string_view description);

std::vector<FieldViolation> FieldViolations(const absl::Status& status);

// Attaches a reason such as "PHONE_NOT_VERIFIED" (laso.api.ErrorInfo, domain "laso.vn")
// that clients can switch on without parsing the human message.
absl::Status WithReason(absl::Status status, absl::string_view reason);
std::string ReasonOf(const absl::Status& status);

// How long the caller should wait before trying again (ErrorInfo metadata
// "retryAfterSeconds", which the gateway also sends as Retry-After); zero when not said.
absl::Status WithRetryAfter(absl::Status status, absl::Duration wait);
absl::Duration RetryAfterOf(const absl::Status& status);

// gRPC code to HTTP status, as Envoy and grpc-gateway map it.
int HttpStatusForCode(absl::StatusCode code);

}  // namespace laso
