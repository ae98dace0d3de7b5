#include "common/log/log.h"

#include <cstdio>
#include <mutex>

#include <cmath>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/strings/str_cat.h"
#include "common/log/json_line.h"
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

void AppendValue(std::string* out, const Field& field) {
  if (IsSecretKey(field.key)) {
    out->append("\"[redacted]\"");
    return;
  }
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) AppendJsonString(out, MaskPhones(v));
        else if constexpr (std::is_same_v<T, bool>) out->append(v ? "true" : "false");
        else if constexpr (std::is_same_v<T, double>) absl::StrAppend(out, std::isfinite(v) ? v : 0.0);
        else absl::StrAppend(out, v);
      },
      field.value);
}

bool IsReserved(absl::string_view key) {
  return key == "time" || key == "level" || key == "service" || key == "request_id" || key == "msg";
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
  std::string line;
  line.reserve(256);
  line.append("{\"time\":");
  AppendJsonString(&line, time);
  line.append(",\"level\":\"");
  line.append(LevelName(level));
  line.append("\",\"service\":");
  AppendJsonString(&line, service);
  if (!request_id.empty()) {
    line.append(",\"request_id\":");
    AppendJsonString(&line, request_id);
  }
  line.append(",\"msg\":");
  AppendJsonString(&line, MaskPhones(message));
  for (const Field& field : fields) {
    if (IsReserved(field.key)) continue;  // the logger's own keys stay as written
    line.push_back(',');
    AppendJsonString(&line, field.key);
    line.push_back(':');
    AppendValue(&line, field);
  }
  line.push_back('}');
  return line;
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
