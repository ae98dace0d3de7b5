#pragma once

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"

// google.protobuf.Timestamp <-> absl::Time, to the nanosecond.
namespace laso {

absl::Time ToTime(const google::protobuf::Timestamp& ts);
void SetTimestamp(absl::Time t, google::protobuf::Timestamp* ts);

}  // namespace laso
