// A resident's rights end to end (Law 91/2025/QH15): they sign in, accept the
// privacy notice, file reports with a photo, link a bill, subscribe to
// collection reminders and get notifications; an officer reveals their phone.
// Their export holds each of these and the officer's look; the audit log
// verifies and breaks when an entry is edited. Then they erase themselves
// while notify is down: their sessions end at once, notify finishes when it
// returns, and no database file, WAL or log holds their phone, name or Zalo id
// (in clear, or as any hash laso keeps of them) but what the README documents
// as kept; their public report is still there without them.
#include <sqlite3.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/auth/revocations.h"
#include "common/crypto/pii_vault.h"
#include "common/time/clock.h"
#include "tests/e2e/account_services.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/stack.h"
#include "tests/services/feedback/media_samples.h"

namespace laso {
namespace {

using nlohmann::json;
using Headers = testing::HttpTestClient::Headers;

constexpr char kZaloId[] = "3000000000000000001";  // fake-zalo's demo resident
constexpr char kSubject[] = "zalo:3000000000000000001";

// Whether `done` came true within `limit`.
template <typename Done>
bool Waited(absl::Duration limit, Done done) {
  return testing::WaitUntil(limit, done) < limit;
}

class ErasureE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(stack_.Start(&why)) << why;
    ASSERT_TRUE(stack_.ImportDemoCatalog());
    admin_ = {{"Authorization", stack_.StaffBearer("admin", "root")}};
    dpo_ = {{"Authorization", stack_.StaffBearer("dpo", "dpo")}};
  }

  std::string Bearer(const std::string& role, const std::string& name, const std::string& agency) {
    std::string out = stack_.data_dir() + "/token-" + name;
    EXPECT_EQ(testing::RunCli({"token", "--role", role, "--name", name, "--agency", agency}, stack_.env(), out), 0);
    return "Bearer " + std::string(absl::StripAsciiWhitespace(testing::ReadWholeFile(out)));
  }

  // The resident's life in the app: what their export must then hold.
  void LiveInTheApp() {
    testing::HttpTestClient& http = stack_.http();
    resident_ = {{"Authorization", "Bearer " + testing::DemoResidentToken(http)}};
    auto photo = http.Send("POST", "/v1/attachments", feedback::samples::JpegWithExif(),
                           {resident_[0], {"Content-Type", "image/jpeg"}});
    ASSERT_EQ(photo.status, 200) << photo.body;
    photo_ = photo.Json()["id"];
    auto report = http.PostJson(
        "/v1/feedback",
        json{{"categoryCode", "street-light"},
             {"description", "Đèn đường trước nhà số 5 đường Trương Định không sáng ba hôm nay."},
             {"location", {{"latitude", 10.5352}, {"longitude", 106.416}}},
             {"attachmentIds", {photo_}}}
            .dump(),
        resident_);
    ASSERT_EQ(report.status, 200) << report.body;
    report_ = report.Json()["id"];

    std::string utility = stack_.StaffBearer("integration", "evn-longan");
    auto imported = http.Send(
        "POST", "/v1/bills:import",
        R"({"provider":"evn-longan","customerCode":"PB06010000001","period":"2026-10","previousReading":"1000","currentReading":"1250","total":"636768","dueDate":"2099-11-10","customerName":"Nguyễn Văn An","registeredPhone":"0901234567"})"
        "\n",
        {{"Authorization", utility}, {"Content-Type", "application/x-ndjson"}});
    ASSERT_EQ(imported.status, 200) << imported.body;
    auto linked = http.PostJson("/v1/me/utility-accounts",
                                R"({"provider":"evn-longan","customerCode":"PB06010000001","alias":"Nhà mình"})",
                                resident_);
    ASSERT_EQ(linked.status, 200) << linked.body;

    auto route = http.Send("PUT", "/v1/waste/routes/tan-an-sinh-hoat-1",
                           testing::ReadWholeFile(testing::Source("deploy/demo/waste/tan-an-sinh-hoat-1.geojson")),
                           {admin_[0], {"Content-Type", "application/geo+json"}});
    ASSERT_EQ(route.status, 200) << route.body;
    auto subscribed = http.PostJson("/v1/waste/subscriptions", R"({"lat":10.5372,"lng":106.4123})", resident_);
    ASSERT_EQ(subscribed.status, 200) << subscribed.body;

    ASSERT_TRUE(Waited(absl::Seconds(20), [&] {
      auto inbox = http.Get("/v1/me/notifications", resident_);
      return inbox.status == 200 && !inbox.Json().value("notifications", json::array()).empty();
    })) << "the report's news never reached the inbox";

    // The agency it went to looks at the reporter's phone, on purpose.
    std::string agency = http.Get("/v1/feedback/" + report_, resident_).Json().value("agencyCode", "");
    ASSERT_FALSE(agency.empty());
    officer_ = {{"Authorization", Bearer("officer", "lan-ntm", agency)}};
    auto revealed = http.PostJson("/v1/feedback/" + report_ + ":revealReporter",
                                  R"({"reason":"gọi lại xác minh vị trí đèn"})", officer_);
    ASSERT_EQ(revealed.status, 200) << revealed.body;
    EXPECT_EQ(revealed.Json()["phone"], "84901234567");
    agency_ = agency;
  }

  json Export() {
    testing::HttpTestClient& http = stack_.http();
    auto started = http.PostJson("/v1/me/data-export", "{}", resident_);
    EXPECT_EQ(started.status, 200) << started.body;
    EXPECT_TRUE(Waited(absl::Seconds(20), [&] {
      return http.Get("/v1/me/data-export", resident_).Json().value("status", "") == "READY";
    })) << http.Get("/v1/me/data-export", resident_).body;
    auto doc = http.Get("/v1/me/data-export:download", resident_);
    EXPECT_EQ(doc.status, 200) << doc.body;
    EXPECT_TRUE(absl::StartsWith(doc.Header("content-type"), "application/json"));
    return json::parse(doc.body, nullptr, false);
  }

  testing::Stack stack_;
  Headers admin_, dpo_, resident_, officer_;
  std::string report_, photo_, agency_;
};

TEST_F(ErasureE2eTest, TheExportHoldsEverythingAndTheAuditLogShowsWhoLooked) {
  ASSERT_NO_FATAL_FAILURE(LiveInTheApp());
  json doc = Export();
  ASSERT_TRUE(doc.is_object());
  const json services = doc["services"];
  ASSERT_EQ(services["feedback"]["reports"].size(), 1u) << doc.dump(2);
  const json& report = services["feedback"]["reports"][0];
  EXPECT_EQ(report["id"], report_);
  EXPECT_EQ(report["attachments"][0]["id"], photo_);
  EXPECT_FALSE(report["updates"].empty());
  EXPECT_EQ(services["billing"]["linkedAccounts"][0]["customerCode"], "PB06010000001");
  EXPECT_EQ(services["billing"]["bills"][0]["total"], "636768");
  EXPECT_EQ(services["waste"]["subscriptions"].size(), 1u);
  EXPECT_FALSE(services["notify"]["inbox"].empty());
  EXPECT_TRUE(services["notify"].contains("settings"));
  EXPECT_EQ(doc["consents"]["acceptedVersion"], 1);
  ASSERT_FALSE(doc["accessLog"].empty()) << doc.dump(2);
  EXPECT_EQ(doc["accessLog"][0]["agency"], agency_);
  EXPECT_EQ(doc["accessLog"][0]["fields"], json({"reporter.name", "reporter.phone"}));
  EXPECT_EQ(doc.dump().find("lan-ntm"), std::string::npos) << "the export names the officer";

  // Someone else cannot download it.
  EXPECT_EQ(stack_.http().Get("/v1/me/data-export:download", officer_).status, 403);

  // The data protection officer sees who looked, from where and why.
  auto audit = stack_.http().Get(absl::StrCat("/v1/audit?subject=", kZaloId), dpo_);
  ASSERT_EQ(audit.status, 200) << audit.body;
  const json body = audit.Json();
  const json& entries = body["entries"];
  ASSERT_FALSE(entries.empty());
  const json& read = entries[entries.size() - 1];
  EXPECT_EQ(read["action"], "read");
  EXPECT_EQ(read["actor"], "machine:lan-ntm");
  EXPECT_EQ(read["reason"], "gọi lại xác minh vị trí đèn");
  EXPECT_EQ(stack_.http().Get("/v1/audit", officer_).status, 403);
  auto mine = stack_.http().Get("/v1/me/access-log", resident_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.Json()["entries"][0]["agency"], agency_);

  // `laso audit verify` passes; an entry edited in the database makes it fail naming that entry.
  std::string out = stack_.data_dir() + "/verify.out";
  ASSERT_EQ(testing::RunCli({"audit", "verify"}, stack_.env(), out), 0) << testing::ReadWholeFile(out + ".err");
  EXPECT_TRUE(absl::StrContains(testing::ReadWholeFile(out), "verified")) << testing::ReadWholeFile(out);
  std::string breach = stack_.data_dir() + "/breach.out";
  ASSERT_EQ(testing::RunCli({"audit", "export", "--from", "2020-01-01", "--to", "2099-12-31"}, stack_.env(), breach), 0);
  json notice = json::parse(testing::ReadWholeFile(breach), nullptr, false);
  EXPECT_EQ(notice["people"], 1) << notice.dump(2);
  EXPECT_EQ(notice["recordsWithPersonalFieldsRead"], 1);

  int64_t seq = std::stoll(read["seq"].get<std::string>());  // int64 travels as a JSON string
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((stack_.data_dir() + "/privacy.db").c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  std::string sql = absl::StrCat("UPDATE audit_log SET reason = 'không có gì' WHERE seq = ", seq);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(testing::RunCli({"audit", "verify"}, stack_.env(), out), 1);
  EXPECT_TRUE(absl::StrContains(testing::ReadWholeFile(out), absl::StrCat("BROKEN at entry ", seq)))
      << testing::ReadWholeFile(out);
}

TEST_F(ErasureE2eTest, ErasureEndsTheSessionFinishesAfterAServiceReturnsAndLeavesNothingOfThem) {
  ASSERT_NO_FATAL_FAILURE(LiveInTheApp());
  testing::HttpTestClient& http = stack_.http();
  EXPECT_EQ(http.Send("DELETE", "/v1/me", "", resident_).status, 400);  // confirm=true is required

  stack_.Kill("notify");
  auto erased = http.Send("DELETE", "/v1/me?confirm=true", "", resident_);
  ASSERT_EQ(erased.status, 200) << erased.body;
  std::string id = erased.Json()["id"];
  EXPECT_TRUE(Waited(absl::Seconds(5), [&] { return http.Get("/v1/me", resident_).status == 401; }))
      << "the erased resident's session still works";
  auto erasure = [&] { return http.Get("/v1/erasures/" + id, admin_).Json(); };
  ASSERT_TRUE(Waited(absl::Seconds(20), [&] {
    int done = 0;
    const json now = erasure();  // held: a range over a temporary's member dangles
    for (const json& s : now["services"]) done += s.value("done", false) ? 1 : 0;
    return done == 3;
  })) << erasure().dump(2);
  EXPECT_EQ(erasure()["status"], "PENDING");  // notify is down

  ASSERT_TRUE(stack_.Restart("notify"));
  ASSERT_TRUE(Waited(absl::Seconds(30), [&] { return erasure().value("status", "") == "DONE"; }))
      << erasure().dump(2);

  // The public report stays, without them.
  auto pub = http.Get("/v1/feedback/" + report_);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_FALSE(pub.Json()["description"].get<std::string>().empty());
  EXPECT_FALSE(pub.Json().contains("reporter")) << pub.body;

  // Every file the stack wrote, services stopped (SQLite folds its WAL back in).
  stack_.StopServices();
  FakeClock clock(absl::Now());
  std::vector<std::string> secrets = {"84901234567", "0901234567", "Nguyễn Văn An", kZaloId};
  for (const char* vault : {"feedback", "notify", "waste", "billing", "events"}) {
    auto v = crypto::PiiVault::OpenIn(stack_.data_dir() + "/keys", vault, &clock, crypto::MissingKey::kRefuse);
    ASSERT_TRUE(v.ok()) << vault << ": " << v.status();
    secrets.push_back(v->LookupHash("84901234567"));
    secrets.push_back(v->LookupHash(kSubject));
  }
  // Kept, and documented as kept (README "What laso keeps"): the audit log and the
  // erasure's record name the person by the privacy key's hash; the erasure keeps
  // the hash its ended sessions are refused by until they would have expired;
  // the utility's bill keeps the holder's registered phone as the utility's hash.
  auto privacy = crypto::PiiVault::OpenIn(stack_.data_dir() + "/keys", "privacy", &clock, crypto::MissingKey::kRefuse);
  ASSERT_TRUE(privacy.ok());
  const std::string person_key = privacy->LookupHash(kSubject);
  const std::string session_key = auth::ErasedKey(kSubject);
  int files = 0;
  for (const std::string& path : testing::DataFilesUnder(stack_.data_dir())) {
    if (absl::StrContains(path, "/token-") || absl::StrContains(path, ".out")) continue;  // the test's own files
    if (absl::StrContains(path, "fake-zalo")) continue;                                  // Zalo's side of the wall
    std::string bytes = testing::ReadWholeFile(path);
    ++files;
    for (const std::string& secret : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " is still in " << path;
    }
    if (!absl::EndsWith(path, "/privacy.db")) {
      EXPECT_EQ(bytes.find(person_key), std::string::npos) << "the audit key outside the audit log: " << path;
      EXPECT_EQ(bytes.find(session_key), std::string::npos) << path;
    }
  }
  EXPECT_GT(files, 10);

  // Signing in again starts a new, empty person.
  std::string why;
  ASSERT_TRUE(stack_.StartServices(&why)) << why;
  Headers again = {{"Authorization", "Bearer " + testing::DemoResidentToken(http)}};
  EXPECT_EQ(http.Get("/v1/me", again).status, 200);
  EXPECT_EQ(http.Get("/v1/me/feedback", again).Json().value("items", json::array()).size(), 0u);
  EXPECT_EQ(http.Get("/v1/me/utility-accounts", again).Json().value("accounts", json::array()).size(), 0u);
  EXPECT_EQ(http.Get("/v1/me/waste-subscriptions", again).Json().value("subscriptions", json::array()).size(), 0u);
  EXPECT_EQ(http.Get("/v1/me/notifications", again).Json().value("notifications", json::array()).size(), 0u);
}

}  // namespace
}  // namespace laso
