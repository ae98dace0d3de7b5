#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/outbox.h"
#include "common/rpc/caller.h"
#include "common/time/clock.h"

// Who looked at a resident's data, and what staff did: each service that
// shows a personal field to staff, or lets staff act, appends an audit event
// to its outbox in the transaction of the read or the act; the privacy
// service keeps them in its tamper-evident log (a hash chain), where the data
// protection officer reads them and a resident sees which agency looked.
namespace laso::audit {

// The event type every service emits; the privacy service consumes it.
inline constexpr char kEventType[] = "audit.recorded";

// What happened, as the service that served it tells it.
struct Entry {
  // "read" for a personal field shown, or the act ("feedback.assign", "staff.disable", ...).
  std::string action;
  // The record, "<kind>/<id>": "feedback/PA-2611-00042", "staff/lan.nt".
  std::string record;
  // The personal fields shown ("reporter.phone", "reporter.name"); empty for an act.
  std::vector<std::string> fields;
  // The resident whose data it is ("zalo:<id>"), when known; "" for data reached only
  // by phone (a hotline caller) or for an act on no one's data.
  std::string person;
  // Why, when the console asked (free text; the route that asks checks its size).
  std::string reason;
};

// An entry as it travels and is kept: the entry, who did it, from where and when.
struct Recorded {
  Entry entry;
  std::string event_id;
  std::string service;  // "feedback", "staff", ...
  std::string actor;    // "staff:<username>" or "machine:<name>"
  std::string actor_role;
  std::string agency;  // the actor's agency, "" for the desk and admins
  std::string ip;
  absl::Time at;
};

// Whether the caller is a person on staff (or a machine acting with a staff
// role), whose reads and acts are recorded.
bool IsAudited(const rpc::Caller& caller);

// The outbox event of `entry`, done by `actor` in `service` now.
outbox::Event EventOf(absl::string_view service, const rpc::Caller& actor, const Entry& entry, const Clock& clock);

// The audit event of a staff act on `record` that touches no resident's data
// (a category edited, a route replaced, a token issued), or nullopt when the
// actor is not audited (a machine, the system). `what` says what changed, in words.
std::optional<outbox::Event> ActOf(absl::string_view service, const rpc::Caller& actor, std::string action,
                                   std::string record, std::string what, const Clock& clock);

// An audit event read back (from the stream); INVALID_ARGUMENT naming what is wrong.
absl::StatusOr<Recorded> Parse(absl::string_view event_id, absl::string_view payload);

}  // namespace laso::audit
