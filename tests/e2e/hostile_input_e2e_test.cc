// Hostile input across the whole stack: SQL-injection strings and oversized or
// malformed values at every kind of entry point (a resident's report, an
// operator's search, the one-stop system's sync, an admin's route, a provider's
// import, paths and query strings). Each is either stored verbatim and read
// back byte for byte, or refused with the JSON error body, never a 5xx, and
// the data already there is intact afterwards.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "common/http/url.h"
#include "common/testing/engines.h"
#include "tests/e2e/account_services.h"
#include "tests/e2e/processes.h"
#include "tests/e2e/stack.h"

namespace laso {
namespace {

using nlohmann::json;
using Headers = testing::HttpTestClient::Headers;

const std::vector<std::string> kInjections = {
    "Robert'); DROP TABLE feedback;--",
    "' OR '1'='1' --",
    "\"; DELETE FROM dossiers; --",
    "%' UNION SELECT sqlite_version(), 2, 3 --",
    "x'; ATTACH DATABASE '/tmp/laso-pwn.db' AS pwn; --",
    "\\'; UPDATE bills SET total = 0; --",
    "<script>alert('xss')</script> & \"quotes\"",
    "_%_%\\%",
};

// A refusal as DESIGN.md has it: {"error":{"code","status","message"}} with the HTTP status as code.
void ExpectErrorBody(const testing::HttpResult& r, int status, const std::string& what) {
  EXPECT_EQ(r.status, status) << what << ": " << r.body.substr(0, 300);
  json body = r.Json();
  ASSERT_TRUE(body.is_object() && body.contains("error")) << what << ": " << r.body.substr(0, 300);
  EXPECT_EQ(body["error"]["code"], status) << what;
  EXPECT_FALSE(body["error"].value("status", "").empty()) << what;
  EXPECT_FALSE(body["error"].value("message", "").empty()) << what;
}

class HostileInputE2eTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(stack_.Start(&why)) << why;
    ASSERT_TRUE(stack_.ImportDemoCatalog());
    resident_ = {{"Authorization", "Bearer " + testing::DemoResidentToken(http())}};
    operator_ = {{"Authorization", stack_.StaffBearer("operator", "tongdai-01")}};
    integration_ = {{"Authorization", stack_.StaffBearer("integration", "motcua")}};
    admin_ = {{"Authorization", stack_.StaffBearer("admin", "root")}};
  }

  testing::HttpTestClient& http() { return stack_.http(); }

  std::string Report(const std::string& description, const std::string& key) {
    Headers h = resident_;
    h.push_back({"Idempotency-Key", key});
    json report = {{"categoryCode", "street-light"},
                   {"description", description},
                   {"location", {{"latitude", 10.5352}, {"longitude", 106.416}}}};
    auto r = http().PostJson("/v1/feedback", report.dump(), h);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json().value("id", "");
  }

  testing::Stack stack_{GetParam()};
  Headers resident_, operator_, integration_, admin_;
};

TEST_P(HostileInputE2eTest, InjectionStringsAreStoredVerbatimAndSearchedLiterally) {
  // A resident's reports: each description read back exactly as sent.
  std::vector<std::string> ids;
  for (size_t i = 0; i < kInjections.size(); ++i) {
    std::string description = "Đèn đường hỏng: " + kInjections[i];
    std::string id = Report(description, absl::StrCat("inj-", i));
    ASSERT_FALSE(id.empty());
    auto back = http().Get("/v1/feedback/" + id, resident_);
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(back.Json()["description"], description);
    ids.push_back(id);
  }

  // The operators' search matches text literally: quotes, OR and LIKE's wildcards are just characters.
  auto search = [&](const std::string& text) {
    auto r = http().Get("/v1/feedback?text=" + http::PercentEncode(text) + "&pageSize=50", operator_);
    EXPECT_EQ(r.status, 200) << text << ": " << r.body;
    return r.Json().value("totalSize", -1);
  };
  EXPECT_EQ(search("zzzz' OR '1'='1"), 0);
  EXPECT_EQ(search("' OR '1'='1' --"), 1);
  EXPECT_EQ(search("%"), 2);  // the two reports with a '%' in them, not every report
  EXPECT_EQ(search("_%_%"), 1);
  EXPECT_EQ(search("Robert'); DROP TABLE feedback;--"), 1);

  // The one-stop system's sync: names with quotes and SQL are data.
  std::string now = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  std::string code = "H15.50.05.13-261124-0420";
  json dossier = {{"code", code},
                  {"procedure", {{"code", "1.001193"}, {"name", kInjections[2]}, {"processingDays", 3}}},
                  {"receivingAgency", {{"code", "H15.50.05.13"}, {"name", kInjections[0]}}},
                  {"channel", "ONLINE"},
                  {"applicant", {{"name", kInjections[1]}, {"phone", "0901234567"}, {"idNumber", "080195000420"}}},
                  {"events", {{{"eventId", "e1"}, {"status", "RECEIVED"}, {"time", now}, {"note", kInjections[3]}}}}};
  auto synced = http().PostJson("/v1/dossiers:sync", json{{"dossiers", {dossier}}}.dump(), integration_);
  ASSERT_EQ(synced.status, 200) << synced.body;
  auto found = http().Get("/v1/dossiers/" + code + "?verifier=0901234567");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.Json()["procedure"]["name"], kInjections[2]);

  // Injection in path and query: a clean 400 or 404, never a 5xx.
  for (const std::string& s : kInjections) {
    std::string e = http::PercentEncode(s);
    for (const std::string& target :
         {"/v1/dossiers/" + e + "?verifier=0901234567", "/v1/dossiers/" + code + "?verifier=" + e, "/v1/feedback/" + e,
          "/v1/bill-lookup?provider=evn-longan&customerCode=" + e,
          "/v1/bill-lookup?provider=" + e + "&customerCode=PB06010000001", "/v1/waste/routes/" + e,
          "/v1/waste/guide?q=" + e, "/v1/public/feedback?category=" + e}) {
      auto r = http().Get(target, resident_);
      EXPECT_TRUE(r.status == 200 || r.status == 400 || r.status == 404) << target << " -> " << r.status << r.body;
      if (r.status != 200) ExpectErrorBody(r, r.status, target);
    }
  }

  // An admin's route named with SQL: the GeoJSON comes back with the name as sent.
  std::string geojson = testing::ReadWholeFile(testing::Source("deploy/demo/waste/tan-an-sinh-hoat-1.geojson"));
  json route = json::parse(geojson);
  for (auto& f : route["features"]) {
    if (f["geometry"]["type"] == "LineString") f["properties"]["name"] = kInjections[4];
  }
  Headers geo = admin_;
  geo.push_back({"Content-Type", "application/geo+json"});
  auto put =
      http().Send("PUT", "/v1/waste/routes/" + http::PercentEncode("r'; DROP TABLE routes;--"), route.dump(), geo);
  ASSERT_EQ(put.status, 200) << put.body;
  auto got = http().Get("/v1/waste/routes/" + http::PercentEncode("r'; DROP TABLE routes;--"));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.Json()["features"][0]["properties"]["name"], kInjections[4]);
  EXPECT_EQ(got.Json()["features"][0]["properties"]["id"], "r'; DROP TABLE routes;--");

  // Nothing was dropped, deleted or rewritten: every report and the dossier read as before.
  for (const std::string& id : ids) EXPECT_EQ(http().Get("/v1/feedback/" + id).status, 200) << id;
  EXPECT_EQ(http().Get("/v1/dossiers/" + code + "?verifier=0901234567").status, 200);
  EXPECT_EQ(http().Get("/v1/me/feedback", resident_).Json()["totalSize"], static_cast<int>(kInjections.size()));
}

TEST_P(HostileInputE2eTest, OversizedAndMalformedValuesAreRefusedCleanly) {
  std::string id = Report("Đèn đường trước nhà số 5 không sáng.", "ok-1");
  Headers h = resident_;
  h.push_back({"Idempotency-Key", "big-1"});
  auto post = [&](const std::string& body) { return http().PostJson("/v1/feedback", body, h); };
  json report = {{"categoryCode", "street-light"}, {"location", {{"latitude", 10.5352}, {"longitude", 106.416}}}};

  // One character over the limit: 400 naming the field.
  report["description"] = std::string(4001, 'a');
  auto over = post(report.dump());
  ExpectErrorBody(over, 400, "description of 4001 characters");
  EXPECT_NE(over.body.find("description"), std::string::npos) << over.body;
  // Control characters and a NUL inside text.
  report["description"] = std::string("Đèn hỏng\0 rồi\x01 nhé", 22);
  ExpectErrorBody(post(report.dump()), 400, "NUL in description");
  // Bytes that are not UTF-8 inside a JSON string.
  ExpectErrorBody(post("{\"categoryCode\":\"street-light\",\"description\":\"\xff\xfe hỏng đèn đường\"}"), 400,
                  "invalid UTF-8");
  // A field of the wrong type, an unknown field, a number out of range.
  ExpectErrorBody(post(R"({"categoryCode":["street-light"],"description":"Đèn đường hỏng rồi."})"), 400, "array");
  ExpectErrorBody(post(R"({"categoryCode":"street-light","description":"Đèn đường hỏng rồi.","drop":"table"})"), 400,
                  "unknown field");
  ExpectErrorBody(
      post(R"({"categoryCode":"street-light","description":"Đèn đường hỏng rồi.","location":{"latitude":1e999}})"), 400,
      "latitude 1e999");
  // JSON nested 5,000 deep (within the body limit).
  ExpectErrorBody(post(std::string(5000, '[') + std::string(5000, ']')), 400, "deep nesting");
  // A body over the route's limit: 413 before it is read whole.
  ExpectErrorBody(post(json{{"description", std::string(3 << 20, 'x')}}.dump()), 413, "3 MB body");

  // Paths, queries and headers.
  auto long_path = http().Get("/v1/feedback/" + std::string(20000, 'a'));
  EXPECT_TRUE(long_path.status == 400 || long_path.status == 404 || long_path.status == 414 || long_path.status == 431)
      << long_path.status;
  ExpectErrorBody(http().Get("/v1/feedback?text=" + std::string(5000, 'a'), operator_), 400, "5000-char search");
  ExpectErrorBody(http().Get("/v1/feedback?pageSize=99999999999999999999", operator_), 400, "pageSize overflow");
  ExpectErrorBody(http().Get("/v1/feedback?pageSize=-1", operator_), 400, "negative pageSize");
  ExpectErrorBody(http().Get("/v1/feedback:nearby?lat=abc&lng=106.4"), 400, "lat not a number");
  auto bad_escape = http().Get("/v1/feedback/%ZZ");  // matches no route: a path, not a request, is malformed
  ExpectErrorBody(bad_escape, bad_escape.status == 400 ? 400 : 404, "bad escape");
  auto big_header = http().Get("/v1/feedback/" + id, {{"X-Junk", std::string(60000, 'h')}});
  EXPECT_EQ(big_header.status, 431) << big_header.body.substr(0, 200);

  // Still serving, and the first report is as it was.
  auto back = http().Get("/v1/feedback/" + id, resident_);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.Json()["description"], "Đèn đường trước nhà số 5 không sáng.");
  EXPECT_EQ(http().Get("/v1/me/feedback", resident_).Json()["totalSize"], 1);
}

LASO_ON_BOTH_ENGINES(HostileInputE2eTest);

}  // namespace
}  // namespace laso
