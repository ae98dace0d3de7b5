#include "tests/e2e/web/web_stack.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <iostream>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/e2e/processes.h"

namespace laso::testing {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string ScreenshotsDir() { return Bin("tests/e2e/web/screenshots"); }

bool LoadDemoData(Stack& stack) {
  if (!stack.ImportDemoCatalog()) {
    ADD_FAILURE() << "the demo catalogue did not load";
    return false;
  }
  std::vector<std::string> routes = {"import", "routes"};
  for (const char* f : {"long-an-cong-kenh", "tan-an-huu-co-1", "tan-an-sinh-hoat-1", "tan-an-tai-che-1"}) {
    routes.push_back(Source(absl::StrCat("deploy/demo/waste/", f, ".geojson")));
  }
  const std::vector<std::pair<std::string, std::vector<std::string>>> steps = {
      // The demo reports, one in every state.
      {"feedback", {"demo", "feedback", "--catalog", Source("deploy/demo/feedback_catalog.json")}},
      {"routes", routes},
      {"dossiers", {"demo", "dossiers", "--catalog", Source("deploy/demo/dossier_catalog.toml")}},
      // 200 bills of last month; the first two are the demo resident's (registered phone 0901234567).
      {"bills", {"demo", "bills"}},
  };
  for (const auto& [name, args] : steps) {
    std::string out = absl::StrCat(stack.data_dir(), "/", name, ".out");
    if (RunCli(args, stack.env(), out) != 0) {
      ADD_FAILURE() << "demo " << name << ": " << ReadWholeFile(out + ".err");
      return false;
    }
  }
  return true;
}

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

std::string RunJourneys(Stack& stack, const std::string& script, const std::vector<std::string>& env) {
  std::vector<std::string> all = {"LASO_WEB_DIR=" + Source("tools/web"),
                                  absl::StrCat("LASO_WEB_GATEWAY=http://127.0.0.1:", stack.http_port()),
                                  absl::StrCat("LASO_WEB_ZALO=http://127.0.0.1:", stack.zalo_port()),
                                  "LASO_WEB_SCREENSHOTS=" + ScreenshotsDir()};
  all.insert(all.end(), env.begin(), env.end());
  const std::string log = absl::StrCat(stack.data_dir(), "/", script, ".log");
  Subprocess node;
  if (!node.Start({"node", Source("tests/e2e/web/" + script)}, log, all)) {
    ADD_FAILURE() << "node did not start: tools/test installs Node";
    return "";
  }
  int status = node.Wait(absl::Seconds(400));
  std::string output = ReadWholeFile(log);
  std::cout << output;  // the figures, for the record
  std::string gateway = stack.Log("gateway");
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << script << " failed:\n" << output << "\ngateway log tail:\n" << gateway.substr(gateway.size() > 4000 ? gateway.size() - 4000 : 0);
  return output;
}

}  // namespace laso::testing
