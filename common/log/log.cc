#include "common/log/log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

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
  // Info and debug lines wait here (at most kFlushEvery) so a busy process
  // does not pay a write(2) per access-log line; a warning or error flushes
  // everything before it, at once.
  std::string pending;
  bool flusher_started = false;
};

constexpr auto kFlushEvery = std::chrono::milliseconds(100);
constexpr size_t kMaxPending = 64 * 1024;

State& GlobalState() {
  static State* state = new State();  // never destroyed: logging works during exit
  return *state;
}

void WriteOut(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(STDERR_FILENO, bytes.data() + done, bytes.size() - done);
    if (n <= 0) return;  // nowhere to log to: drop rather than block or crash
    done += static_cast<size_t>(n);
  }
}

void FlushLocked(State& s) {
  if (s.pending.empty()) return;
  WriteOut(s.pending);
  s.pending.clear();
}

void StartFlusher(State& s) {
  s.flusher_started = true;
  std::thread([] {
    State& st = GlobalState();
    while (true) {
      std::this_thread::sleep_for(kFlushEvery);
      std::lock_guard<std::mutex> lock(st.mu);
      FlushLocked(st);
    }
  }).detach();
  std::atexit([] {
    State& st = GlobalState();
    std::lock_guard<std::mutex> lock(st.mu);
    FlushLocked(st);
  });
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

// "2026-11-23T18:25:00.123Z", formatting the seconds once per second per thread.
std::string TimeNow() {
  thread_local int64_t cached_second = -1;
  thread_local std::string cached_prefix;
  absl::Time now = absl::Now();
  int64_t ms = absl::ToUnixMillis(now);
  int64_t second = ms / 1000;
  if (second != cached_second) {
    cached_second = second;
    cached_prefix = absl::FormatTime("%Y-%m-%dT%H:%M:%S.", absl::FromUnixSeconds(second), absl::UTCTimeZone());
  }
  char millis[5];
  std::snprintf(millis, sizeof(millis), "%03dZ", static_cast<int>(ms % 1000));
  return cached_prefix + millis;
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
  std::string line = FormatLine(TimeNow(), level, service, current_request_id, message, fields);
  if (sink) {
    sink(line);
    return;
  }
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(s.mu);
  s.pending += line;
  if (level >= Level::kWarn || s.pending.size() >= kMaxPending) {
    FlushLocked(s);
  } else if (!s.flusher_started) {
    StartFlusher(s);
  }
}

void Flush() {
  State& s = GlobalState();
  std::lock_guard<std::mutex> lock(s.mu);
  FlushLocked(s);
}

ScopedRequestId::ScopedRequestId(absl::string_view request_id)
    : previous_(std::move(current_request_id)) {
  current_request_id = std::string(request_id);
}

ScopedRequestId::~ScopedRequestId() { current_request_id = std::move(previous_); }

const std::string& ScopedRequestId::Current() { return current_request_id; }

}  // namespace laso::log
