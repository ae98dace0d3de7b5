#include "services/dossier/lookup_guard.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"

namespace laso::dossier {

std::string LookupGuard::Key(const std::string& code) const {
  return absl::StrCat("laso:dossier:failures:", vault_.LookupHash(absl::StrCat("code|", code)));
}

absl::Status LookupGuard::Check(const std::string& code) {
  if (max_failures_ <= 0) return absl::OkStatus();
  auto reply = redis_.Run({"GET", Key(code)});
  if (!reply.ok()) {
    return absl::UnavailableError("Tra cứu hồ sơ tạm thời gián đoạn. Vui lòng thử lại sau ít phút.");
  }
  int64_t failures = 0;
  if (reply->type == redis::Reply::Type::kString) absl::SimpleAtoi(reply->str, &failures);
  if (failures >= max_failures_) {
    return WithReason(absl::ResourceExhaustedError(
                          "Hồ sơ này đã bị tra cứu sai nhiều lần nên tạm khoá tra cứu. Vui lòng thử lại sau, "
                          "hoặc đăng nhập bằng Zalo với số điện thoại đã đăng ký hồ sơ."),
                      "LOOKUP_LOCKED");
  }
  return absl::OkStatus();
}

void LookupGuard::RecordFailure(const std::string& code) {
  if (max_failures_ <= 0) return;
  std::string key = Key(code);
  (void)redis_.Pipeline({{"INCR", key}, {"PEXPIRE", key, absl::StrCat(absl::ToInt64Milliseconds(window_)), "NX"}});
}

}  // namespace laso::dossier
