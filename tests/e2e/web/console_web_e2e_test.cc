// The console in Debian's Chromium against the whole stack as tools/up runs it: this test starts
// the processes, loads the demo data, makes the staff accounts (one-time passwords and TOTP
// secrets, as `laso staff create` gives them), and runs console_journeys.mjs (playwright-core),
// which signs each person in through the page and walks their journeys.
#include <sys/stat.h>
#include <sys/wait.h>

#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/e2e/account_services.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/stack.h"

namespace laso::testing {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// `laso staff create`: {"password": the one-time password, "secret": the base32 TOTP secret}.
nlohmann::json NewStaff(Stack& stack, const std::string& username, const std::string& role, const std::string& agency,
                        const std::string& name) {
  std::string out = absl::StrCat(stack.data_dir(), "/staff-", username);
  std::vector<std::string> args = {"staff", "create", username, "--role", role, "--name", name};
  if (!agency.empty()) {
    args.push_back("--agency");
    args.push_back(agency);
  }
  if (RunCli(args, stack.env(), out) != 0) {
    ADD_FAILURE() << ReadWholeFile(out + ".err");
    return nullptr;
  }
  nlohmann::json account = nlohmann::json::object();
  for (absl::string_view line : absl::StrSplit(ReadWholeFile(out), '\n')) {
    if (absl::ConsumePrefix(&line, "one-time password: ")) account["password"] = std::string(line);
    if (absl::ConsumePrefix(&line, "totp secret: ")) account["secret"] = std::string(line);
  }
  return account;
}

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
  ASSERT_TRUE(stack.ImportDemoCatalog());
  // The demo reports, one in every state, as tools/up loads them.
  ASSERT_EQ(RunCli({"demo", "feedback", "--catalog", Source("deploy/demo/feedback_catalog.json")}, stack.env(),
                   stack.data_dir() + "/feedback.out"),
            0)
      << ReadWholeFile(stack.data_dir() + "/feedback.out.err");
  std::vector<std::string> routes = {"import", "routes"};
  for (const char* f : {"long-an-cong-kenh", "tan-an-huu-co-1", "tan-an-sinh-hoat-1", "tan-an-tai-che-1"}) {
    std::string path = Source(absl::StrCat("deploy/demo/waste/", f, ".geojson"));
    if (Exists(path)) routes.push_back(path);
  }
  ASSERT_EQ(RunCli(routes, stack.env(), stack.data_dir() + "/routes.out"), 0) << ReadWholeFile(stack.data_dir() + "/routes.out.err");
  ASSERT_EQ(RunCli({"demo", "dossiers", "--catalog", Source("deploy/demo/dossier_catalog.toml")}, stack.env(),
                   stack.data_dir() + "/dossiers.out"),
            0)
      << ReadWholeFile(stack.data_dir() + "/dossiers.out.err");

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

  const std::string screenshots = Bin("tests/e2e/web/screenshots");
  const std::string log = stack.data_dir() + "/journeys.log";
  Subprocess node;
  ASSERT_TRUE(node.Start({"node", Source("tests/e2e/web/console_journeys.mjs")}, log,
                         {"LASO_WEB_DIR=" + web_dir, "LASO_WEB_CONSOLE_DIR=" + console_dir,
                          absl::StrCat("LASO_WEB_GATEWAY=http://127.0.0.1:", stack.http_port()),
                          "LASO_WEB_SCREENSHOTS=" + screenshots, "LASO_WEB_ACCOUNTS=" + accounts.dump(),
                          "LASO_WEB_RESIDENT_TOKEN=" + resident,
                          "LASO_WEB_INTEGRATION_TOKEN=" + std::string(absl::StripPrefix(integration, "Bearer "))}));
  int status = node.Wait(absl::Seconds(400));
  std::string output = ReadWholeFile(log);
  std::cout << output;  // the figures, for the record
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "the journeys failed:\n" << output << "\ngateway log tail:\n" << stack.Log("gateway").substr(
             stack.Log("gateway").size() > 4000 ? stack.Log("gateway").size() - 4000 : 0);
  EXPECT_TRUE(absl::StrContains(output, "FIGURES"));
  for (const char* shot : {"sign-in", "queue", "hotline", "report", "officer", "admin", "operations-1", "operations-2"}) {
    EXPECT_TRUE(Exists(absl::StrCat(screenshots, "/", shot, ".png"))) << shot;
  }
}

}  // namespace
}  // namespace laso::testing
