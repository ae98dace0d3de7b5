// The Zalo Mini App's test build in Debian's Chromium (a 360×800 phone) against the whole stack and
// fake-zalo: the test starts the processes and the demo data, and miniapp_journeys.mjs serves the
// build on localhost (zmp-sdk's host outside Zalo), mints a Zalo user at fake-zalo and walks the
// resident's journeys.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/testing/ports.h"
#include "tests/e2e/account_services.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/web/web_stack.h"

namespace laso::testing {
namespace {

TEST(MiniAppWebTest, AResidentSignsInFilesAReportFollowsItLooksUpDossiersAndTheTruckAndPaysABill) {
  const std::string app_dir = Bin("web/miniapp-test");
  ASSERT_TRUE(Exists(app_dir + "/index.html")) << app_dir << " is missing: tools/test builds the web clients";
  const int app_port = FreePort();
  Stack stack;
  // The Mini App's origin, as the gateway's CORS allows https://h5.zdn.vn and http://localhost:3000.
  stack.SetEnv(absl::StrCat("LASO_GATEWAY_CORS_ORIGINS=https://h5.zdn.vn,http://localhost:", app_port));
  std::string why;
  ASSERT_TRUE(stack.Start(&why)) << why;
  ASSERT_TRUE(LoadDemoData(stack));

  // The officers who answer (by API) whichever agency the report is routed to.
  nlohmann::json officers = nlohmann::json::object();
  for (const char* agency : {"so-xd", "ubnd-phuong-tan-an", "ubnd-phuong-long-an"}) {
    StaffPerson officer = SignInNewStaff(stack.http(), stack.env(), stack.data_dir(), "officer",
                                         absl::StrCat("canbo-", agency), agency);
    ASSERT_FALSE(officer.session.is_null());
    officers[agency] = officer.session.value("accessToken", "");
  }
  std::string integration = stack.StaffBearer("integration", "web-test");
  ASSERT_FALSE(integration.empty());

  std::string output = RunJourneys(
      stack, "miniapp_journeys.mjs",
      {"LASO_WEB_MINIAPP_DIR=" + app_dir, "LASO_WEB_MINIAPP_PROD_DIR=" + Bin("web/miniapp"),
       absl::StrCat("LASO_WEB_MINIAPP_PORT=", app_port), "LASO_WEB_OFFICERS=" + officers.dump(),
       "LASO_WEB_INTEGRATION_TOKEN=" + std::string(absl::StripPrefix(integration, "Bearer ")),
       // The stack's Zalo Checkout key: the journeys sign Zalo's payment callback with it.
       "LASO_WEB_CHECKOUT_KEY=stack-checkout-key"});
  EXPECT_TRUE(absl::StrContains(output, "FIGURES"));
  for (const char* shot : {"miniapp-consent", "miniapp-home", "miniapp-report", "miniapp-dossiers", "miniapp-waste",
                           "miniapp-inbox", "miniapp-settings", "miniapp-bills"}) {
    EXPECT_TRUE(Exists(absl::StrCat(ScreenshotsDir(), "/", shot, ".png"))) << shot;
  }
}

}  // namespace
}  // namespace laso::testing
