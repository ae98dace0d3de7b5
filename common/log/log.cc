#include "common/log/log.h"

#include <cstdio>
#include <mutex>

#include <nlohmann/json.hpp>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/log/redact.h"

namespace laso::log {
namespace {

struct State {
  std::mutex mu;
  std::string service = "laso";
  Level min_level = Level::kInfo;
  Sink sink;
};

State& GlobalState() {
  static State* state = new State();  // never destroyed: logging works during exit
  return *state;
}

thread_local std::string current_request_id;

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

nlohmann::ordered_json SafeValue(const Field& field) {
  if (IsSecretKey(field.key)) return "[redacted]";
  return std::visit(
      [&](const auto& v) -> nlohmann::ordered_json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) return MaskPhones(v);
        else return v;
      },
      field.value);
}

}  // namespace

void Configure(absl::string_view service, Level min_level, Sink sink) {
  State& s = GlobalState();
  std::lock_guard<std::mutex> lock(s.mu);
  s.service = std::string(service);
  s.min_level = min_level;
  s.sink = std::move(sink);
}

bool ParseLevel(absl::string_view name, Level* out) {
  for (Level level : {Level::kDebug, Level::kInfo, Level::kWarn, Level::kError}) {
    if (name == LevelName(level)) {
      *out = level;
      return true;
    }
  }
  return false;
}

std::string FormatLine(absl::string_view time, Level level, absl::string_view service,
                       absl::string_view request_id, absl::string_view message, Fields fields) {
  nlohmann::ordered_json line;
  line["time"] = std::string(time);
  line["level"] = LevelName(level);
  line["service"] = std::string(service);
  if (!request_id.empty()) line["request_id"] = std::string(request_id);
  line["msg"] = MaskPhones(message);
  for (const Field& field : fields) {
    // Reserved keys stay as the logger wrote them.
    if (line.contains(field.key)) continue;
    line[field.key] = SafeValue(field);
  }
  // Invalid UTF-8 is replaced rather than thrown: a log call must never fail.
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void Write(Level level, absl::string_view message, Fields fields) {
  State& s = GlobalState();
  std::string service;
  Sink sink;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (level < s.min_level) return;
    service = s.service;
    sink = s.sink;
  }
  std::string time = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
  std::string line = FormatLine(time, level, service, current_request_id, message, fields);
  if (sink) {
    sink(line);
    return;
  }
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(s.mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

ScopedRequestId::ScopedRequestId(absl::string_view request_id)
    : previous_(std::move(current_request_id)) {
  current_request_id = std::string(request_id);
}

ScopedRequestId::~ScopedRequestId() { current_request_id = std::move(previous_); }

const std::string& ScopedRequestId::Current() { return current_request_id; }

}  // namespace laso::log
