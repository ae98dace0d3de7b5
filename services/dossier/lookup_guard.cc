#include "services/dossier/lookup_guard.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"

namespace laso::dossier {

namespace {
constexpr size_t kKnownCodes = 100000;
}  // namespace

LookupGuard::LookupGuard(redis::Client& redis, const crypto::PiiVault& vault, LookupGuardOptions options,
                         const Clock* clock)
    : redis_(redis), vault_(vault), options_(options), counts_(kKnownCodes, options.refresh, clock) {}

std::string LookupGuard::Key(const std::string& code) const {
  return absl::StrCat("laso:dossier:failures:", vault_.LookupHash(absl::StrCat("code|", code)));
}

absl::Status LookupGuard::Check(const std::string& code) {
  if (options_.max_failures <= 0) return absl::OkStatus();
  // Known counts are kept by code (not personal data); only Redis sees the
  // keyed hash, so the hash is worked out only when Redis is asked.
  std::shared_ptr<const int64_t> failures = counts_.Get(code);
  if (failures == nullptr) {
    uint64_t ticket = counts_.Ticket();
    auto reply = redis_.Run({"GET", Key(code)});
    if (!reply.ok()) {
      return absl::UnavailableError("Tra cứu hồ sơ tạm thời gián đoạn. Vui lòng thử lại sau ít phút.");
    }
    int64_t n = 0;
    if (reply->type == redis::Reply::Type::kString) absl::SimpleAtoi(reply->str, &n);
    failures = std::make_shared<const int64_t>(n);
    counts_.Put(code, failures, ticket);
  }
  if (*failures >= options_.max_failures) {
    return WithReason(absl::ResourceExhaustedError(
                          "Hồ sơ này đã bị tra cứu sai nhiều lần nên tạm khoá tra cứu. Vui lòng thử lại sau, "
                          "hoặc đăng nhập bằng Zalo với số điện thoại đã đăng ký hồ sơ."),
                      "LOOKUP_LOCKED");
  }
  return absl::OkStatus();
}

void LookupGuard::RecordFailure(const std::string& code) {
  if (options_.max_failures <= 0) return;
  std::string key = Key(code);
  counts_.Invalidate(code);  // the next Check reads Redis, or refuses if it cannot
  uint64_t ticket = counts_.Ticket();
  auto replies = redis_.Pipeline(
      {{"INCR", key}, {"PEXPIRE", key, absl::StrCat(absl::ToInt64Milliseconds(options_.window)), "NX"}});
  if (replies.ok() && !replies->empty() && (*replies)[0].type == redis::Reply::Type::kInteger) {
    counts_.Put(code, std::make_shared<const int64_t>((*replies)[0].integer), ticket);
  }
}

}  // namespace laso::dossier
