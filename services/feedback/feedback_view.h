#pragma once

#include "absl/time/time.h"
#include "common/crypto/pii_vault.h"
#include "services/feedback/feedback_store.h"

namespace laso::feedback {

// Who is looking decides what a report shows.
enum class Audience {
  kPublic,    // never a phone; the name only if not anonymous; public updates only
  kReporter,  // everything about their own report
  kStaff,     // operators, admins, and officers of the agency handling it
};

// The report as the audience may see it at `now` (status label, overdue flag).
v1::Feedback ViewOf(const StoredFeedback& stored, Audience audience, const crypto::PiiVault& vault, absl::Time now);

}  // namespace laso::feedback
