#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <variant>

#include "absl/strings/string_view.h"

// Structured logs: one JSON object per line on stderr with time, level, service,
// request id, message and fields. Secrets are dropped and phone numbers masked
// here, centrally, so a careless call site cannot leak them.
namespace laso::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

struct Field {
  using Value = std::variant<std::string, int64_t, double, bool>;
  Field(absl::string_view k, absl::string_view v) : key(k), value(std::string(v)) {}
  Field(absl::string_view k, const char* v) : key(k), value(std::string(v)) {}
  Field(absl::string_view k, const std::string& v) : key(k), value(v) {}
  Field(absl::string_view k, int v) : key(k), value(int64_t{v}) {}
  Field(absl::string_view k, long v) : key(k), value(int64_t{v}) {}
  Field(absl::string_view k, long long v) : key(k), value(int64_t{v}) {}
  Field(absl::string_view k, unsigned v) : key(k), value(int64_t{v}) {}
  Field(absl::string_view k, unsigned long v) : key(k), value(static_cast<int64_t>(v)) {}
  Field(absl::string_view k, double v) : key(k), value(v) {}
  Field(absl::string_view k, bool v) : key(k), value(v) {}
  std::string key;
  Value value;
};

using Fields = std::initializer_list<Field>;
using Sink = std::function<void(absl::string_view line)>;

// Sets the service name and minimum level; a null sink means stderr.
void Configure(absl::string_view service, Level min_level, Sink sink = nullptr);
bool ParseLevel(absl::string_view name, Level* out);

void Write(Level level, absl::string_view message, Fields fields = {});
inline void Debug(absl::string_view m, Fields f = {}) { Write(Level::kDebug, m, f); }
inline void Info(absl::string_view m, Fields f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(absl::string_view m, Fields f = {}) { Write(Level::kWarn, m, f); }
inline void Error(absl::string_view m, Fields f = {}) { Write(Level::kError, m, f); }

// Writes out lines still waiting in the buffer (info and debug lines wait at
// most 100 ms; warnings and errors are written at once).
void Flush();

// Sets the request id that this thread's log lines carry until it goes out of scope.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(absl::string_view request_id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;
  static const std::string& Current();

 private:
  std::string previous_;
};

// The formatted line, exposed for tests.
std::string FormatLine(absl::string_view time, Level level, absl::string_view service,
                       absl::string_view request_id, absl::string_view message, Fields fields);

}  // namespace laso::log
