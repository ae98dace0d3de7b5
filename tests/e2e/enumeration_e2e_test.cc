// Enumeration through the gateway with the shipped kind of limit on: someone
// walking customer codes or dossier codes from one address is stopped after
// the "guess" allowance, whatever headers they add and whether or not they
// sign in, and learns no more than that allowance's worth of answers.
#include <gtest/gtest.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/stack.h"

namespace laso {
namespace {

using nlohmann::json;

constexpr int kGuessesPerMinute = 20;

TEST(EnumerationE2eTest, WalkingBillAndDossierCodesIsStoppedByTheGuessLimit) {
  testing::Stack stack;
  stack.SetEnv(absl::StrCat("LASO_RATELIMIT_GUESS_PER_IP=", kGuessesPerMinute, "/1m"));
  stack.SetEnv(absl::StrCat("LASO_RATELIMIT_GUESS_PER_USER=", kGuessesPerMinute, "/1m"));
  std::string why;
  ASSERT_TRUE(stack.Start(&why)) << why;
  testing::HttpTestClient& http = stack.http();

  // Three real customers among the codes an attacker will walk.
  std::string lines;
  for (int n : {3, 40, 77}) {
    lines += json{{"provider", "evn-longan"},
                  {"customerCode", absl::StrFormat("PB060100000%02d", n)},
                  {"period", "2026-10"},
                  {"consumption", "250"},
                  {"total", "636768"},
                  {"dueDate", "2026-11-10"},
                  {"customerName", "Nguyễn Văn An"}}
                 .dump() +
             "\n";
  }
  auto imported = http.Send(
      "POST", "/v1/bills:import", lines,
      {{"Authorization", stack.StaffBearer("integration", "evn-longan")}, {"Content-Type", "application/x-ndjson"}});
  ASSERT_EQ(imported.status, 200) << imported.body;
  ASSERT_EQ(imported.Json()["accepted"], 3) << imported.body;

  // Walk 100 codes, each with a different forged client address.
  int answered = 0, found = 0, limited = 0;
  for (int n = 0; n < 100; ++n) {
    auto r = http.Get(absl::StrFormat("/v1/bill-lookup?provider=evn-longan&customerCode=PB060100000%02d", n),
                      {{"X-Forwarded-For", absl::StrCat("203.0.113.", n)}});
    if (r.status == 429) {
      ++limited;
      EXPECT_EQ(r.Json()["error"]["status"], "RESOURCE_EXHAUSTED");
      int retry = 0;
      EXPECT_TRUE(absl::SimpleAtoi(r.Header("Retry-After"), &retry) && retry >= 1 && retry <= 60)
          << r.Header("Retry-After");
    } else {
      ASSERT_TRUE(r.status == 200 || r.status == 404) << r.status << r.body;
      ++answered;
      found += r.status == 200;
    }
  }
  EXPECT_EQ(answered, kGuessesPerMinute);
  EXPECT_EQ(limited, 100 - kGuessesPerMinute);
  EXPECT_EQ(found, 1);  // PB06010000003 fell within the allowance; 40 and 77 stayed hidden

  // Dossier codes draw on the same allowance: no fresh budget by switching targets.
  auto dossier = http.Get("/v1/dossiers/H15.50.05.13-261124-0001?verifier=0901234567");
  EXPECT_EQ(dossier.status, 429) << dossier.body;

  // Signing in does not reset it either: the address's bucket still applies.
  auto session = http.PostJson("/v1/auth/zalo/phone",
                               R"({"accessToken":"demo-zalo-access-token","phoneToken":"demo-zalo-phone-token"})");
  ASSERT_EQ(session.status, 200) << session.body;
  auto signed_in = http.Get("/v1/bill-lookup?provider=evn-longan&customerCode=PB06010000040",
                            {{"Authorization", "Bearer " + session.Json().value("sessionToken", "")}});
  EXPECT_EQ(signed_in.status, 429) << signed_in.body;

  // Ordinary lookups (another class) still work for everyone.
  EXPECT_EQ(http.Get("/v1/waste/schedule?lat=10.5355&lng=106.4105").status, 200);
}

}  // namespace
}  // namespace laso
