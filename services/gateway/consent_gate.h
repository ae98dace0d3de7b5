#pragma once

#include "absl/status/status.h"
#include "common/rpc/caller.h"
#include "laso/api/annotations.pb.h"

namespace laso::gateway {

// Routes marked personal_data refuse a resident whose session does not carry
// acceptance of the current privacy notice: PERMISSION_DENIED with reason
// CONSENT_REQUIRED, which the app answers by showing the notice (GET
// /v1/privacy-notice) and PUT /v1/me/consents, whose fresh token passes.
// Staff and machines are not residents and pass.
absl::Status ConsentGate(const laso::api::Access& access, const rpc::Caller& caller);

}  // namespace laso::gateway
