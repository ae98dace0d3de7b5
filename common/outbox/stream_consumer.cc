#include "common/outbox/stream_consumer.h"

#include <unistd.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/metrics/metrics.h"

namespace laso::outbox {
namespace {

metrics::CounterFamily& Read() {
  static auto& family = metrics::Registry::Default().Counter(
      "laso_stream_entries_total", "Event stream entries handled and acknowledged, by consumer group", {"group"});
  return family;
}

// [id, [field, value, ...]] -> the event; fields may be nil for an entry
// trimmed from the stream after it was read.
bool ParseEntry(const redis::Reply& entry, StreamEvent* out) {
  if (entry.type != redis::Reply::Type::kArray || entry.elements.size() < 2) return false;
  out->stream_id = entry.elements[0].str;
  const redis::Reply& fields = entry.elements[1];
  if (fields.type != redis::Reply::Type::kArray) return true;  // trimmed: acknowledged, nothing to tell
  for (size_t i = 0; i + 1 < fields.elements.size(); i += 2) {
    const std::string& name = fields.elements[i].str;
    const std::string& value = fields.elements[i + 1].str;
    if (name == "id") out->id = value;
    else if (name == "type") out->type = value;
    else if (name == "subject") out->subject = value;
    else if (name == "occurred_at") out->occurred_at = value;
    else if (name == "source") out->source = value;
    else if (name == "payload") out->payload = value;
  }
  return true;
}

}  // namespace

bool StreamIdBefore(absl::string_view a, absl::string_view b) {
  auto parts = [](absl::string_view id) {
    std::pair<uint64_t, uint64_t> p{0, 0};
    size_t dash = id.find('-');
    (void)absl::SimpleAtoi(id.substr(0, dash), &p.first);
    if (dash != absl::string_view::npos) (void)absl::SimpleAtoi(id.substr(dash + 1), &p.second);
    return p;
  };
  return parts(a) < parts(b);
}

std::string NewestStreamId(const std::vector<StreamEvent>& events) {
  std::string newest;
  for (const StreamEvent& event : events) {
    if (newest.empty() || StreamIdBefore(newest, event.stream_id)) newest = event.stream_id;
  }
  return newest;
}

std::string DefaultConsumerName(absl::string_view service) {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0') return absl::StrCat(service, "-1");
  return absl::StrCat(service, "-", host);
}

absl::Status StreamConsumer::EnsureGroup() {
  // A new group starts after the last entry this service processed, or at the
  // stream's beginning the first time (events written before this service first ran
  // are still handled).
  auto checkpoint = sink_.Checkpoint();
  if (!checkpoint.ok()) return checkpoint.status();
  std::string from = checkpoint->empty() ? "0" : *checkpoint;
  auto created = redis_.Run({"XGROUP", "CREATE", options_.stream, options_.group, from, "MKSTREAM"});
  if (!created.ok() && !absl::StrContains(created.status().message(), "BUSYGROUP")) return created.status();
  if (created.ok()) log::Info("consumer group created", {{"group", options_.group}, {"from", from}});
  group_ready_ = true;
  return absl::OkStatus();
}

absl::StatusOr<int> StreamConsumer::Handle(const redis::Reply& entries) {
  std::vector<StreamEvent> events;
  std::vector<std::string> ids;
  for (const redis::Reply& entry : entries.elements) {
    StreamEvent e;
    if (!ParseEntry(entry, &e)) continue;
    ids.push_back(e.stream_id);
    if (!e.id.empty()) events.push_back(std::move(e));
  }
  if (ids.empty()) return 0;
  if (auto accepted = sink_.Accept(events); !accepted.ok()) return accepted;
  Read().Inc({options_.group}, static_cast<int64_t>(ids.size()));
  redis::Command ack = {"XACK", options_.stream, options_.group};
  ack.insert(ack.end(), ids.begin(), ids.end());
  // If this fails the entries stay pending and come back: the sink knows them.
  if (auto acked = redis_.Run(ack); !acked.ok()) return acked.status();
  return static_cast<int>(ids.size());
}

absl::StatusOr<int> StreamConsumer::RunOnce() {
  if (!group_ready_) {
    if (auto s = EnsureGroup(); !s.ok()) return s;
  }
  std::string count = absl::StrCat(options_.batch);
  absl::StatusOr<redis::Reply> reply;
  bool own_pending = read_own_pending_;
  bool claiming = false;
  if (own_pending) {
    reply = redis_.Run({"XREADGROUP", "GROUP", options_.group, options_.consumer, "COUNT", count, "STREAMS",
                        options_.stream, "0"});
  } else if (clock_->Now() >= next_claim_) {
    claiming = true;
    next_claim_ = clock_->Now() + options_.claim_idle / 2;
    reply = redis_.Run({"XAUTOCLAIM", options_.stream, options_.group, options_.consumer,
                        absl::StrCat(absl::ToInt64Milliseconds(options_.claim_idle)), "0-0", "COUNT", count});
  } else {
    reply = redis_.Run({"XREADGROUP", "GROUP", options_.group, options_.consumer, "COUNT", count, "BLOCK",
                        absl::StrCat(absl::ToInt64Milliseconds(options_.block)), "STREAMS", options_.stream, ">"});
  }
  if (!reply.ok()) {
    read_own_pending_ = true;  // what we read but did not acknowledge may be waiting
    if (!absl::StrContains(reply.status().message(), "NOGROUP")) return reply.status();
    // Redis lost the stream or the group (restarted without persistence).
    log::Warn("consumer group missing: making it again");
    group_ready_ = false;
    if (auto s = EnsureGroup(); !s.ok()) return s;
    return 0;
  }
  const redis::Reply* entries = nullptr;
  if (claiming) {
    // [next-start, [entries], [deleted ids]]
    if (reply->elements.size() >= 2) entries = &reply->elements[1];
  } else if (!reply->IsNil() && !reply->elements.empty() && reply->elements[0].elements.size() >= 2) {
    entries = &reply->elements[0].elements[1];  // [[stream, [entries]]]
  }
  if (entries == nullptr || entries->elements.empty()) {
    if (own_pending) read_own_pending_ = false;
    return 0;
  }
  auto handled = Handle(*entries);
  if (!handled.ok()) read_own_pending_ = true;
  return handled;
}

absl::Duration StreamConsumer::Round() {
  auto handled = RunOnce();
  if (handled.ok()) {
    if (was_failing_) log::Info("event stream reading resumed");
    was_failing_ = false;
    backoff_ = absl::Milliseconds(100);
    return absl::ZeroDuration();  // reads block on the stream: no pause needed
  }
  if (!was_failing_) log::Warn("event stream reading waits", {{"error", std::string(handled.status().message())}});
  was_failing_ = true;
  absl::Duration wait = backoff_;
  backoff_ = std::min(backoff_ * 2, absl::Seconds(1));
  return wait;
}

absl::StatusOr<std::vector<std::string>> StreamConsumer::ForgetGoneConsumers(absl::Duration idle) {
  auto consumers = redis_.Run({"XINFO", "CONSUMERS", options_.stream, options_.group});
  if (!consumers.ok()) return consumers.status();
  std::vector<std::string> gone;
  for (const redis::Reply& c : consumers->elements) {  // [name, n, pending, n, idle, ms, ...]
    std::string name;
    int64_t pending = -1, idle_ms = -1;
    for (size_t i = 0; i + 1 < c.elements.size(); i += 2) {
      const std::string& field = c.elements[i].str;
      if (field == "name") name = c.elements[i + 1].str;
      if (field == "pending") pending = c.elements[i + 1].integer;
      if (field == "idle") idle_ms = c.elements[i + 1].integer;
    }
    if (name.empty() || name == options_.consumer || pending != 0 || idle_ms < absl::ToInt64Milliseconds(idle)) {
      continue;
    }
    auto removed = redis_.Run({"XGROUP", "DELCONSUMER", options_.stream, options_.group, name});
    if (!removed.ok()) return removed.status();
    gone.push_back(name);
  }
  return gone;
}

}  // namespace laso::outbox
