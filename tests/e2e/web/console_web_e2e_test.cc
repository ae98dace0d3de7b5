// The console in Debian's Chromium against the whole stack as tools/up runs it: this test starts
// the processes, loads the demo data, makes the staff accounts (one-time passwords and TOTP
// secrets, as `laso staff create` gives them), and runs console_journeys.mjs (playwright-core),
// which signs each person in through the page and walks their journeys.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "tests/e2e/account_services.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/stack.h"
#include "tests/e2e/web/web_stack.h"

namespace laso::testing {
namespace {

TEST(ConsoleWebTest, TheDeskTheAgencyTheAdminAndTheOperationsCentreInChromium) {
  const std::string console_dir = Bin("web/console");
  ASSERT_TRUE(Exists(console_dir + "/index.html")) << console_dir << " is missing: tools/test builds the web clients";
  const std::string web_dir = Source("tools/web");
  ASSERT_TRUE(Exists(web_dir + "/node_modules/playwright-core")) << "tools/test runs npm ci in tools/web";

  Stack stack;
  stack.SetEnv("LASO_GATEWAY_CONSOLE_DIR=" + console_dir);
  // Access tokens of 70 s: the console renews a minute before expiry, so every page renews its
  // session every 10 s while the journeys run, and a page that could not would be signed out.
  stack.SetEnv("LASO_STAFF_ACCESS_TTL=70s");
  std::string why;
  ASSERT_TRUE(stack.Start(&why)) << why;
  ASSERT_TRUE(LoadDemoData(stack));

  nlohmann::json accounts = {
      {"quantri", NewStaff(stack, "quantri", "admin", "", "Quản trị viên")},
      {"tongdai-01", NewStaff(stack, "tongdai-01", "operator", "", "Trần Thị Tổng Đài")},
      {"dieuhanh-01", NewStaff(stack, "dieuhanh-01", "operator", "", "Phạm Văn Điều Hành")},
      {"truongphong-xd", NewStaff(stack, "truongphong-xd", "supervisor", "so-xd", "Lê Văn Trưởng Phòng")},
      {"canbo-xd-01", NewStaff(stack, "canbo-xd-01", "officer", "so-xd", "Nguyễn Thị Lan")},
  };
  std::string resident = DemoResidentToken(stack.http());
  ASSERT_FALSE(resident.empty());
  std::string integration = stack.StaffBearer("integration", "web-test");
  ASSERT_FALSE(integration.empty());

  std::string output = RunJourneys(stack, "console_journeys.mjs",
                                    {"LASO_WEB_CONSOLE_DIR=" + console_dir, "LASO_WEB_ACCOUNTS=" + accounts.dump(),
                                     "LASO_WEB_RESIDENT_TOKEN=" + resident,
                                     "LASO_WEB_INTEGRATION_TOKEN=" + std::string(absl::StripPrefix(integration, "Bearer "))});
  EXPECT_TRUE(absl::StrContains(output, "FIGURES"));
  const std::string screenshots = ScreenshotsDir();
  for (const char* shot : {"sign-in", "queue", "hotline", "report", "officer", "admin", "operations-1", "operations-2"}) {
    EXPECT_TRUE(Exists(absl::StrCat(screenshots, "/", shot, ".png"))) << shot;
  }
}

}  // namespace
}  // namespace laso::testing
