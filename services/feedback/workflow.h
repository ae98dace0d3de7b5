#pragma once

#include <string>

#include "absl/status/status.h"
#include "common/rpc/caller.h"
#include "laso/feedback/v1/feedback.pb.h"

// The life of a report:
//
//   RECEIVED ─assign→ ASSIGNED ─accept→ IN_PROGRESS ─respond→ ANSWERED ─7 days→ CLOSED
//      ▲  │              │  ▲                                   │
//      │  └reject→ REJECTED / DUPLICATE        REOPENED ←reopen─┘ (within 7 days)
//      └──────transfer───┘  └───────accept─────┘
//
// A public answer may come straight from ASSIGNED; a private note changes no
// status; operators may reassign anything not yet answered.
namespace laso::feedback {

enum class Action {
  kAssign,
  kAccept,
  kRespondPublic,
  kRespondPrivate,
  kTransfer,
  kReject,
  kReopen,
  kClose,
  kRate,
  kSupport,
  // Fixing a report while it is open (staff): its priority, category, place.
  kPrioritize,
  kRecategorize,
  kMove,
  kModerate,  // hide, show, ban: any status
};

// OK, or FAILED_PRECONDITION (reason WRONG_STATE) saying why not, in Vietnamese.
absl::Status CheckAction(v1::Status from, Action action);

// The status after the action (which CheckAction allowed).
v1::Status After(v1::Status from, Action action, v1::Status reject_as = v1::REJECTED);

// Still waiting for an agency: the deadline matters.
bool IsOpen(v1::Status status);
// Open311's two states: "open" until answered or turned away.
bool IsOpen311Closed(v1::Status status);

// The Vietnamese label residents see, e.g. "Đã trả lời".
std::string StatusLabel(v1::Status status);

// Who made an update: the caller's role always; for staff and machines also
// who exactly (subject and display name), which only staff views show.
void SetActor(const rpc::Caller& caller, v1::Update* update);

// The username of a person on staff ("staff:<username>"), or "".
std::string StaffUsername(const rpc::Caller& caller);

}  // namespace laso::feedback
