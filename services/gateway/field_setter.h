#pragma once

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace laso::gateway {

// Sets the field at "a.b.c" (proto or JSON names) from text, as path variables
// and query parameters carry it: numbers, booleans ("true"/"false"), enums by
// name or number, bytes in base64, and well-known message types such as
// google.protobuf.Timestamp in their JSON form. Repeated fields append.
// INVALID_ARGUMENT names the parameter.
absl::Status SetFieldFromString(google::protobuf::Message* message, absl::string_view path, absl::string_view value);

}  // namespace laso::gateway
