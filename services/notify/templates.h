#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace laso::notify {

// A kind groups event types for residents' settings ("dossier", "bill", ...).
struct Kind {
  std::string code;
  std::string label;
  bool urgent = false;           // sent during quiet hours too
  bool zalo_by_default = false;  // before the resident chooses
};

// What to say about one event type. Texts hold {field} placeholders read from
// the event payload (dots for nested fields) with optional filters:
// |datetime |date |time |vnd.
struct EventTemplate {
  std::string type;
  std::string kind;
  std::string title, body, link;
  std::string zns_template_id;  // empty: no Zalo message for this type
  std::vector<std::pair<std::string, std::string>> zns_data;
  std::optional<absl::Duration> zns_expires_after;
  // No Zalo message at all about what happened longer ago than this (by the
  // payload's "time", else when the event was emitted): the statuses a sync
  // brings in from the past go to the inbox only.
  std::optional<absl::Duration> zns_stale_after;
};

struct Rendered {
  std::string title, body, link;
  nlohmann::json zns_data = nlohmann::json::object();
};

// The templates file (deploy/data/notify/templates.json), checked as a whole
// when loaded: a template naming an unknown kind or filter, or with an
// unclosed placeholder, stops the service from starting rather than sending
// broken messages.
class Templates {
 public:
  static absl::StatusOr<Templates> Parse(const std::string& json_text);
  static absl::StatusOr<Templates> Load(const std::string& path);

  // Null for event types nobody is told about.
  const EventTemplate* Find(const std::string& type) const;
  const Kind* FindKind(const std::string& code) const;
  const std::vector<Kind>& kinds() const { return kinds_; }

  // Missing fields render as empty text.
  static Rendered Render(const EventTemplate& t, const nlohmann::json& payload);

 private:
  std::vector<Kind> kinds_;
  std::map<std::string, EventTemplate> events_;
};

// One placeholder expansion, exposed for tests: "{total|vnd}" with
// {"total": 1234567} gives "1.234.567 đ".
std::string RenderText(const std::string& text, const nlohmann::json& payload);

}  // namespace laso::notify
