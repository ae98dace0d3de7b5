#pragma once

#include <string>

#include "laso/dossier/v1/dossier.pb.h"

namespace laso::dossier {

using v1::Status;
using v1::Timeliness;

// The Vietnamese label the national portal shows for a status.
std::string StatusLabel(Status status);
std::string TimelinessLabel(Timeliness timeliness);

// Result produced: the processing clock has stopped for good.
bool IsFinished(Status status);
// Not accepted, withdrawn or stopped: no deadline applies any more.
bool IsClosed(Status status);
// Waiting for the applicant (documents or payment): the clock is paused.
bool IsPausing(Status status);

// The one table of allowed status changes; anything else is refused.
bool TransitionAllowed(Status from, Status to);

}  // namespace laso::dossier
