#include "common/audit/audit.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/time/rfc3339.h"

namespace laso::audit {

using nlohmann::json;
using rpc::Role;

bool IsAudited(const rpc::Caller& caller) {
  switch (caller.role()) {
    case Role::OPERATOR:
    case Role::OFFICER:
    case Role::SUPERVISOR:
    case Role::ADMIN:
    case Role::DPO:
      return true;
    default:
      return false;
  }
}

outbox::Event EventOf(absl::string_view service, const rpc::Caller& actor, const Entry& entry, const Clock& clock) {
  outbox::Event event = outbox::NewEvent(kEventType, entry.record, "", clock);
  json payload = {{"service", service},
                  {"actor", actor.subject()},
                  {"actorRole", rpc::RoleName(actor.role())},
                  {"agency", actor.agency()},
                  {"ip", actor.client_ip()},
                  {"action", entry.action},
                  {"record", entry.record},
                  {"fields", entry.fields},
                  {"person", entry.person},
                  {"reason", entry.reason},
                  {"at", FormatRfc3339(event.occurred_at)}};
  event.payload = payload.dump();
  return event;
}

std::optional<outbox::Event> ActOf(absl::string_view service, const rpc::Caller& actor, std::string action,
                                   std::string record, std::string what, const Clock& clock) {
  if (!IsAudited(actor)) return std::nullopt;
  return EventOf(service, actor, Entry{std::move(action), std::move(record), {}, "", std::move(what)}, clock);
}

absl::StatusOr<Recorded> Parse(absl::string_view event_id, absl::string_view payload) {
  json doc = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return absl::InvalidArgumentError("audit event: payload is not a JSON object");
  Recorded out;
  out.event_id = std::string(event_id);
  auto text = [&](const char* key, std::string* into) -> absl::Status {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) {
      return absl::InvalidArgumentError(absl::StrCat("audit event: \"", key, "\" is missing or not a string"));
    }
    *into = it->get<std::string>();
    return absl::OkStatus();
  };
  std::string at;
  for (auto [key, into] : {std::pair{"service", &out.service}, std::pair{"actor", &out.actor},
                           std::pair{"actorRole", &out.actor_role}, std::pair{"agency", &out.agency},
                           std::pair{"ip", &out.ip}, std::pair{"action", &out.entry.action},
                           std::pair{"record", &out.entry.record}, std::pair{"person", &out.entry.person},
                           std::pair{"reason", &out.entry.reason}, std::pair{"at", &at}}) {
    if (auto s = text(key, into); !s.ok()) return s;
  }
  auto when = ParseRfc3339(at);
  if (!when.ok()) return absl::InvalidArgumentError("audit event: \"at\" is not an RFC 3339 time");
  out.at = *when;
  auto fields = doc.find("fields");
  if (fields == doc.end() || !fields->is_array()) return absl::InvalidArgumentError("audit event: \"fields\" is not a list");
  for (const auto& f : *fields) {
    if (!f.is_string()) return absl::InvalidArgumentError("audit event: a field is not a string");
    out.entry.fields.push_back(f.get<std::string>());
  }
  if (out.actor.empty() || out.entry.action.empty()) return absl::InvalidArgumentError("audit event: no actor or action");
  return out;
}

}  // namespace laso::audit
