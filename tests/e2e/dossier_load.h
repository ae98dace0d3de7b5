#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace laso::testing {

// A new dossier as the one-stop system syncs it: received now, applicant phone
// 0903000000 (the verifier to look it up with).
nlohmann::json SyncableDossier(const std::string& code);
inline constexpr char kSyncedApplicantPhone[] = "0903000000";

// Fails the test unless every code is found through the gateway (an acknowledged sync is never lost).
void ExpectEveryDossierFound(int http_port, const std::vector<std::string>& codes);

// notify's eventsProcessed once it reaches `at_least`, or its last value after `limit`.
int64_t WaitForEventsProcessed(int http_port, const std::string& admin_bearer, int64_t at_least,
                               absl::Duration limit = absl::Seconds(30));

// Syncs new dossiers through the gateway, one a call, as fast as it is answered,
// until stopped; remembers the codes acknowledged with 200.
class DossierWriter {
 public:
  DossierWriter(int http_port, std::string bearer, std::string code_prefix);  // starts writing
  ~DossierWriter() { Stop(); }
  void Stop();
  std::vector<std::string> Acknowledged();

 private:
  std::atomic<bool> stop_{false};
  absl::Mutex mu_;
  std::vector<std::string> acknowledged_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace laso::testing
