// Personal data at rest and in logs, across the whole stack: a dossier filed
// at the one-stop shop and a 1022 report by a resident, each with a name, a
// phone and an ID number, pass through dossier, feedback, notify and the
// gateway. None of it may be readable in any database file (WAL included) or
// any log.

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/e2e/account_services.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/stack.h"

namespace laso {
namespace {

using nlohmann::json;

TEST(PersonalDataE2eTest, NoNamePhoneOrIdNumberIsReadableOnDiskOrInLogs) {
  testing::Stack stack;
  std::string why;
  ASSERT_TRUE(stack.Start(&why)) << why;
  std::string integration = stack.StaffBearer("integration", "motcua");
  ASSERT_TRUE(stack.ImportDemoCatalog());

  // The one-stop system files a dossier for Hoàng Thị Mai.
  std::string now = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  json dossier = {{"code", "H15.50.05.13-261124-7777"},
                  {"procedure", {{"code", "1.001193"}, {"name", "Đăng ký khai sinh"}, {"processingDays", 3}}},
                  {"receivingAgency", {{"code", "H15.50.05.13"}, {"name", "Bộ phận Một cửa UBND phường Tân An"}}},
                  {"channel", "ONLINE"},
                  {"applicant", {{"name", "Hoàng Thị Mai"}, {"phone", "0901234567"}, {"idNumber", "080195007777"}}},
                  {"events", {{{"eventId", "e1"}, {"status", "RECEIVED"}, {"time", now}}}}};
  auto synced = stack.http().PostJson("/v1/dossiers:sync", json{{"dossiers", {dossier}}}.dump(),
                                      {{"Authorization", integration}});
  ASSERT_EQ(synced.status, 200) << synced.body;

  // fake-zalo's demo resident (Nguyễn Văn An, 84901234567) reports a broken light.
  testing::HttpTestClient::Headers resident = {{"Authorization", "Bearer " + testing::DemoResidentToken(stack.http())},
                                               {"Idempotency-Key", "pd-1"}};
  auto report = stack.http().PostJson(
      "/v1/feedback",
      R"({"categoryCode":"street-light","description":"Đèn đường trước nhà số 5 không sáng.","location":{"latitude":10.5352,"longitude":106.416}})",
      resident);
  ASSERT_EQ(report.status, 200) << report.body << stack.Log("feedback").substr(0, 3000) << stack.Log("gateway").substr(0, 3000);
  ASSERT_EQ(stack.http().Get("/v1/me/notifications", resident).status, 200);
  absl::SleepFor(absl::Seconds(1));  // events relayed and told

  const std::vector<std::string> secrets = {"0901234567", "84901234567", "080195007777", "Hoàng Thị Mai",
                                            "Nguyễn Văn An"};
  int files = 0;
  for (const std::string& path : testing::DataFilesUnder(stack.data_dir())) {
    if (path.find("/token-") != std::string::npos || path.find("catalog.out") != std::string::npos) continue;
    if (path.find("fake-zalo.log") != std::string::npos) continue;  // Zalo's side of the wall
    std::string bytes = testing::ReadWholeFile(path);
    ++files;
    for (const std::string& secret : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " readable in " << path;
    }
  }
  EXPECT_GT(files, 10);  // databases, WAL files and logs were looked at
}

}  // namespace
}  // namespace laso
