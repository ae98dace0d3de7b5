#include "services/gateway/consent_gate.h"

#include "common/status/status.h"

namespace laso::gateway {

absl::Status ConsentGate(const laso::api::Access& access, const rpc::Caller& caller) {
  if (!access.personal_data() || caller.role() != rpc::Role::CITIZEN || caller.consent_version() > 0) {
    return absl::OkStatus();
  }
  return WithReason(absl::PermissionDeniedError("Vui lòng đọc và đồng ý với Thông báo xử lý dữ liệu cá nhân trước khi "
                                                "gửi thông tin của bạn."),
                    "CONSENT_REQUIRED");
}

}  // namespace laso::gateway
