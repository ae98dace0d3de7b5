#include "tests/e2e/dossier_load.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/testing/http_test_client.h"

namespace laso::testing {

nlohmann::json SyncableDossier(const std::string& code) {
  return {{"code", code},
          {"procedure", {{"code", "1.001193"}, {"name", "Đăng ký khai sinh"}, {"processingDays", 3}}},
          {"receivingAgency", {{"code", "H15.50.05.13"}, {"name", "Bộ phận Một cửa UBND phường Tân An"}}},
          {"channel", "ONLINE"},
          {"applicant", {{"name", "Lê Văn Cường"}, {"phone", kSyncedApplicantPhone}, {"idNumber", "080090001234"}}},
          {"events", {{{"eventId", code + "/1"}, {"status", "RECEIVED"},
                       {"time", absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone())}}}}};
}

DossierWriter::DossierWriter(int http_port, std::string bearer, std::string code_prefix)
    : thread_([this, http_port, bearer = std::move(bearer), prefix = std::move(code_prefix)] {
        HttpTestClient http(http_port);
        for (int i = 0; !stop_; ++i) {
          std::string code = absl::StrFormat("%s-%04d", prefix, i);
          nlohmann::json body = {{"dossiers", {SyncableDossier(code)}}};
          auto r = http.PostJson("/v1/dossiers:sync", body.dump(), {{"Authorization", bearer}});
          if (r.status == 200) {
            absl::MutexLock lock(&mu_);
            acknowledged_.push_back(code);
          }
        }
      }) {}

void DossierWriter::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

std::vector<std::string> DossierWriter::Acknowledged() {
  absl::MutexLock lock(&mu_);
  return acknowledged_;
}

void ExpectEveryDossierFound(int http_port, const std::vector<std::string>& codes) {
  HttpTestClient http(http_port);
  for (const std::string& code : codes) {
    auto found = http.Get(absl::StrCat("/v1/dossiers/", code, "?verifier=", kSyncedApplicantPhone));
    // A 503 says a replica is still coming back (on a loaded machine), not that the dossier is gone: ask again.
    for (int again = 0; found.status == 503 && again < 20; ++again) {
      absl::SleepFor(absl::Milliseconds(250));
      found = http.Get(absl::StrCat("/v1/dossiers/", code, "?verifier=", kSyncedApplicantPhone));
    }
    ASSERT_EQ(found.status, 200) << code << " was acknowledged but is missing: " << found.body;
  }
}

int64_t WaitForEventsProcessed(int http_port, const std::string& admin_bearer, int64_t at_least,
                               absl::Duration limit) {
  HttpTestClient http(http_port);
  absl::Time deadline = absl::Now() + limit;
  int64_t processed = 0;
  while (absl::Now() < deadline) {
    nlohmann::json stats = http.Get("/v1/notify/stats", {{"Authorization", admin_bearer}}).Json();
    processed = stats.contains("eventsProcessed") ? std::stoll(stats["eventsProcessed"].get<std::string>()) : 0;
    if (processed >= at_least) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return processed;
}

}  // namespace laso::testing
