#include "common/sql/storage_errors.h"

#include <string>

#include "common/log/log.h"
#include "common/status/status.h"

namespace laso::sql {

absl::Status StorageFull(absl::string_view detail) {
  log::Error("storage full", {{"error", std::string(detail)}});
  return WithReason(absl::UnavailableError("Hệ thống tạm thời không lưu được dữ liệu (bộ nhớ máy chủ đã đầy). "
                                           "Vui lòng thử lại sau."),
                    "STORAGE_FULL");
}

absl::Status StorageError(absl::string_view detail) {
  log::Error("storage error", {{"error", std::string(detail)}});
  return WithReason(absl::UnavailableError("Hệ thống tạm thời không lưu được dữ liệu. Vui lòng thử lại sau."),
                    "STORAGE_ERROR");
}

}  // namespace laso::sql
