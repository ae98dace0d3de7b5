#pragma once

#include "absl/time/time.h"
#include "common/crypto/pii_vault.h"
#include "common/geo/geo.h"
#include "common/time/clock.h"
#include "common/time/working_day_calendar.h"
#include "services/feedback/attachments.h"
#include "services/feedback/catalog.h"
#include "services/feedback/feedback_store.h"

namespace laso::feedback {

struct FeedbackOptions {
  // Reports must lie inside the province.
  geo::Polygon boundary{{}};
  // Time of day (Vietnam) a report is due on its due day.
  absl::Duration due_time_of_day = absl::Hours(17);
  // How long after an answer the reporter may reopen; then it closes itself.
  absl::Duration reopen_window = absl::Hours(24 * 7);
  // How long a finished report (closed, rejected, merged) keeps its link to
  // the reporter (sealed name and phone, phone hash, account) after its last
  // change; then only the public content stays.
  absl::Duration keep_reporter_contact = absl::Hours(24 * 730);
  double nearby_radius_m = 250;
  int nearby_max = 5;
};

// What every part of the feedback service works with: the store, the
// catalogue, the vaults, the calendar, the options and the clock.
struct FeedbackContext {
  FeedbackStore& store;
  Catalog& catalog;
  Attachments& attachments;
  const crypto::PiiVault& vault;         // reporters' names and phones
  const crypto::PiiVault& events_vault;  // what outbox events carry
  const WorkingDayCalendar& calendar;
  FeedbackOptions options;
  const Clock* clock;
};

}  // namespace laso::feedback
