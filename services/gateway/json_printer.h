#pragma once

#include <string>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace laso::gateway {

// proto3 JSON written straight from reflection, for every answer the gateway
// sends: lowerCamelCase names, primitive fields always present (a client never
// has to guess a missing 0 or ""), enums by name, 64-bit integers as strings,
// bytes in base64, maps as objects, and the well-known types in their JSON
// forms. Timestamps are shown at the given UTC offset (+07:00 in Vietnam)
// rather than protobuf's always-UTC "Z". Struct, Value, ListValue and Any are
// delegated to protobuf's own printer. About twice as fast as
// google::protobuf::util::MessageToJsonString, which re-reads a binary copy.
class JsonPrinter {
 public:
  explicit JsonPrinter(int offset_minutes);
  absl::Status Print(const google::protobuf::Message& message, std::string* out) const;

 private:
  int offset_minutes_;
  std::string offset_text_;  // "+07:00", or "Z" at UTC
};

// "+07:00" -> 420, "-05:30" -> -330, "Z" -> 0; false on anything else.
bool ParseUtcOffset(absl::string_view text, int* minutes);

}  // namespace laso::gateway
