// Several machines' worth of laso, on loopback: haproxy in front of two
// gateways, two replicas of every service on PostgreSQL, Redis with a replica
// and three sentinels. Under a steady load, one replica of each service is
// SIGKILLed (the first started: the one most likely holding the lease), then
// one gateway, then the Redis primary. What must hold: no acknowledged write
// lost, no event or Zalo message duplicated, every event delivered (so the
// singletons were taken over). It prints, per failover, the error rate of the
// reads in the 10 s after the kill and when the errors stopped: tools/bench/ha
// runs it for those figures.
#include <atomic>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "tests/e2e/dossier_load.h"
#include "tests/e2e/stack.h"

namespace laso {
namespace {

using nlohmann::json;

// One cheap read per service, through the front door.
const std::vector<std::string>& Reads() {
  static const auto* reads = new std::vector<std::string>{"/v1/feedback-categories", "/v1/dossier-stats",
                                                          "/v1/billing/providers", "/v1/waste/guide?q=pin",
                                                          "/v1/notify/stats"};
  return *reads;
}

struct Outcome {
  absl::Time at;
  bool ok;
};

// A resident's app is not a tight loop: a read every few milliseconds per client.
constexpr absl::Duration kPace = absl::Milliseconds(4);

class HaE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(stack_.Start(&why)) << why;
    admin_ = stack_.StaffBearer("admin", "root");
    integration_ = stack_.StaffBearer("integration", "motcua");
  }

  // What happened to the reads in the 10 s after `kill`.
  void Report(const std::string& what, absl::Time kill, const std::vector<Outcome>& reads) {
    int total = 0, failed = 0;
    absl::Time last_failure = kill;
    for (const Outcome& o : reads) {
      if (o.at < kill || o.at >= kill + absl::Seconds(10)) continue;
      ++total;
      if (!o.ok) {
        ++failed;
        last_failure = std::max(last_failure, o.at);
      }
    }
    double rate = total == 0 ? 0 : 100.0 * failed / total;
    std::printf("ha: %-28s %6d reads in 10 s, %4d failed (%.2f%%), errors stopped after %.1f s\n", what.c_str(), total,
                failed, rate, absl::ToDoubleSeconds(last_failure - kill));
    ::testing::Test::RecordProperty(what + " error %", absl::StrCat(rate));
  }

  testing::Stack stack_{sql::Engine::kPostgres,
                        testing::StackShape{.replicas = 2, .gateways = 2, .haproxy = true, .sentinels = true}};
  std::string admin_, integration_;
};

TEST_F(HaE2eTest, KillsUnderLoadLoseNothingAndDuplicateNothing) {
  absl::Mutex mu;
  std::vector<Outcome> reads;
  std::map<std::string, int> failures;
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      testing::HttpTestClient http(stack_.http_port());
      while (!stop) {
        for (const std::string& path : Reads()) {
          auto r = http.Get(path, {{"Authorization", admin_}});
          absl::MutexLock lock(&mu);
          reads.push_back({absl::Now(), r.status == 200});
          if (r.status != 200) ++failures[absl::StrCat(path, " ", r.status, " ", r.body.substr(0, 120))];
          absl::SleepFor(kPace);
        }
      }
    });
  }
  testing::DossierWriter writer(stack_.http_port(), integration_, "H15.50.05.13-261201");
  absl::SleepFor(absl::Seconds(2));

  absl::Time services_killed = absl::Now();
  for (const std::string& s : testing::Stack::Services()) stack_.Kill(s, 0);
  absl::SleepFor(absl::Seconds(5));
  absl::Time gateway_killed = absl::Now();
  stack_.KillGateway(0);
  absl::SleepFor(absl::Seconds(5));
  absl::Time redis_killed = absl::Now();
  stack_.KillRedisPrimary();
  absl::SleepFor(absl::Seconds(10));
  writer.Stop();
  stop = true;
  for (auto& r : readers) r.join();

  Report("one replica of each service", services_killed, reads);
  Report("one gateway", gateway_killed, reads);
  Report("the Redis primary", redis_killed, reads);
  for (const auto& [what, n] : failures) std::printf("ha: failed %5d x %s\n", n, what.c_str());
  int late_failures = 0;
  for (const Outcome& o : reads) late_failures += !o.ok && o.at > absl::Now() - absl::Seconds(3);
  EXPECT_EQ(late_failures, 0) << "reads still failing at the end";

  // Nothing acknowledged is lost.
  std::vector<std::string> acknowledged = writer.Acknowledged();
  ASSERT_GT(acknowledged.size(), 20u);
  testing::ExpectEveryDossierFound(stack_.http_port(), acknowledged);

  // Every event is delivered (the relays and the consumer moved to the survivors), and none twice.
  int64_t processed = testing::WaitForEventsProcessed(stack_.http_port(), admin_, acknowledged.size());
  EXPECT_GE(processed, static_cast<int64_t>(acknowledged.size())) << "events were lost on the way to notify";

  // Zalo messages: at most one per dossier (the one sender in flight when it died dead-letters what it
  // had claimed rather than risk sending it twice).
  absl::SleepFor(absl::Seconds(2));
  testing::HttpTestClient zalo(stack_.zalo_port());
  json sent = zalo.Get("/_test/zns").Json();
  std::map<std::string, int> per_dossier;
  for (const json& m : sent) {
    if (m.contains("template_data")) ++per_dossier[m["template_data"].value("ma_ho_so", "")];
  }
  int duplicated = 0;
  for (const auto& [code, n] : per_dossier) duplicated += n > 1;
  EXPECT_EQ(duplicated, 0) << "dossiers told twice by Zalo";
  EXPECT_GT(per_dossier.size(), acknowledged.size() / 2) << "Zalo sending did not resume";
  std::printf("ha: %zu dossiers acknowledged, %lld events processed, %zu told by Zalo, %d twice\n",
              acknowledged.size(), static_cast<long long>(processed), per_dossier.size(), duplicated);
}

}  // namespace
}  // namespace laso
