// Faults on the whole stack, under load: a service killed in turn, Redis
// killed and restarted. What operators must see before launch: the failure
// stays where it is, nothing acknowledged is lost, and it all comes back.
#include <atomic>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/testing/engines.h"
#include "tests/e2e/dossier_load.h"
#include "tests/e2e/stack.h"

namespace laso {
namespace {

using nlohmann::json;

struct Probe {
  std::string service, path;
};

// One cheap read per service, through the gateway.
const std::vector<Probe>& Probes() {
  static const auto* probes = new std::vector<Probe>{{"feedback", "/v1/feedback-categories"},
                                                     {"dossier", "/v1/dossier-stats"},
                                                     {"billing", "/v1/billing/providers"},
                                                     {"waste", "/v1/waste/guide?q=pin"},
                                                     {"notify", "/v1/notify/stats"}};
  return *probes;
}

// On both engines: the fault test is the one that runs the whole stack on PostgreSQL.
class FaultsE2eTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(stack_.Start(&why)) << why;
    admin_ = stack_.StaffBearer("admin", "root");
    integration_ = stack_.StaffBearer("integration", "motcua");
  }

  int Get(testing::HttpTestClient& http, const Probe& p) {
    return http.Get(p.path, {{"Authorization", admin_}}).status;
  }

  // Polls a probe until it answers `status`, for up to `limit`.
  bool Until(const Probe& p, int status, absl::Duration limit) {
    testing::HttpTestClient http(stack_.http_port());
    absl::Time deadline = absl::Now() + limit;
    while (absl::Now() < deadline) {
      if (Get(http, p) == status) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  testing::Stack stack_{GetParam()};
  std::string admin_, integration_;
};

TEST_P(FaultsE2eTest, EachServiceKilledInTurnFailsAloneAndComesBack) {
  absl::Mutex mu;
  std::string down;  // the service being killed, "" when all should answer
  std::map<std::string, int> served, failed_elsewhere;
  std::atomic<bool> stop{false};
  std::thread load([&] {
    testing::HttpTestClient http(stack_.http_port());
    while (!stop) {
      for (const Probe& p : Probes()) {
        int status = Get(http, p);
        absl::MutexLock lock(&mu);
        if (p.service == down) continue;  // its own failure is expected
        if (status == 200) {
          ++served[p.service];
        } else {
          ++failed_elsewhere[absl::StrCat(p.service, " ", status, " while ", down.empty() ? "none" : down, " down")];
        }
      }
    }
  });
  for (const Probe& p : Probes()) {
    {
      absl::MutexLock lock(&mu);
      down = p.service;
    }
    stack_.Kill(p.service);
    EXPECT_TRUE(Until(p, 503, absl::Seconds(5))) << p.service << " killed but not 503";
    absl::SleepFor(absl::Milliseconds(500));  // load runs against the rest meanwhile
    ASSERT_TRUE(stack_.Restart(p.service));
    EXPECT_TRUE(Until(p, 200, absl::Seconds(20))) << p.service << " did not come back:\n" << stack_.Log(p.service);
    absl::MutexLock lock(&mu);
    down.clear();
  }
  stop = true;
  load.join();
  for (const Probe& p : Probes()) EXPECT_GT(served[p.service], 0) << p.service;
  EXPECT_TRUE(failed_elsewhere.empty()) << [&] {
    std::string out;
    for (const auto& [what, n] : failed_elsewhere) absl::StrAppend(&out, what, ": ", n, "\n");
    return out;
  }();
}

TEST_P(FaultsE2eTest, RedisKilledUnderLoadLosesNoAcknowledgedWriteAndEventsFollow) {
  std::atomic<bool> stop{false};
  std::atomic<int> lookups_ok{0}, lookups_failed{0};
  testing::DossierWriter writer(stack_.http_port(), integration_, "H15.50.05.13-261124");
  std::thread reader([&] {
    testing::HttpTestClient http(stack_.http_port());
    while (!stop) {
      (http.Get("/v1/dossier-stats").status == 200 ? lookups_ok : lookups_failed)++;
    }
  });
  absl::SleepFor(absl::Seconds(1));
  stack_.Kill("notify");  // events pile up in the stream unread...
  absl::SleepFor(absl::Milliseconds(500));
  stack_.redis().Kill();  // ...and die with a Redis that keeps nothing on disk
  absl::SleepFor(absl::Seconds(3));
  int during_ok = lookups_ok;
  stack_.redis().Restart();
  ASSERT_TRUE(stack_.Restart("notify")) << stack_.Log("notify");
  absl::SleepFor(absl::Seconds(1));
  stop = true;
  writer.Stop();
  reader.join();
  std::vector<std::string> acknowledged = writer.Acknowledged();

  EXPECT_GT(during_ok, 0);
  EXPECT_EQ(lookups_failed, 0);  // reads kept answering from SQLite
  ASSERT_GT(acknowledged.size(), 10u);
  testing::ExpectEveryDossierFound(stack_.http_port(), acknowledged);
  // Every acknowledged change reaches notify once Redis is back.
  int64_t processed = testing::WaitForEventsProcessed(stack_.http_port(), admin_, acknowledged.size());
  EXPECT_GE(processed, static_cast<int64_t>(acknowledged.size()));
}

}  // namespace

LASO_ON_BOTH_ENGINES(FaultsE2eTest);

}  // namespace laso
