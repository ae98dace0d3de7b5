// Open311 GeoReport v2 at /open311/v2 through the gateway, in JSON and XML.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/e2e/feedback_e2e_fixture.h"

namespace laso {
namespace {

using nlohmann::json;

class Open311E2eTest : public FeedbackE2eTest {
 protected:
  testing::HttpResult PostForm(const std::string& path, const std::string& form) {
    return http_.Send("POST", path, form, {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  std::string ApiKey() { return Token({"--role", "integration", "--name", "danang-311"})[0].second.substr(7); }
};

TEST_F(Open311E2eTest, DiscoveryAndServicesInBothFormats) {
  auto discovery = http_.Get("/open311/v2/discovery.json");
  ASSERT_EQ(discovery.status, 200) << discovery.body;
  EXPECT_EQ(discovery.Json()["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
  auto services = http_.Get("/open311/v2/services.json");
  ASSERT_EQ(services.status, 200);
  ASSERT_EQ(services.Json().size(), 11u);  // the demo catalogue's categories
  bool road = false;
  for (const auto& s : services.Json()) road = road || (s["service_code"] == "road-damage" && s["metadata"] == true);
  EXPECT_TRUE(road);
  auto xml = http_.Get("/open311/v2/services.xml");
  ASSERT_EQ(xml.status, 200);
  EXPECT_TRUE(absl::StartsWith(xml.Header("content-type"), "text/xml"));
  EXPECT_TRUE(absl::StrContains(xml.body, "<services><service><service_code>")) << xml.body.substr(0, 200);
  auto def = http_.Get("/open311/v2/services/rubbish.json");
  ASSERT_EQ(def.status, 200) << def.body;
  EXPECT_EQ(def.Json()["attributes"][0]["datatype"], "multivaluelist");
  EXPECT_EQ(def.Json()["attributes"][0]["values"].size(), 4u);
  auto def_xml = http_.Get("/open311/v2/services/rubbish.xml");
  EXPECT_TRUE(absl::StrContains(def_xml.body, "<attributes><attribute><variable>true</variable>"));
  auto missing = http_.Get("/open311/v2/services/ufo.xml");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(absl::StrContains(missing.body, "<errors><error><code>404</code>")) << missing.body;
}

TEST_F(Open311E2eTest, PostThenFindTheRequest) {
  std::string key = ApiKey();
  auto no_key = PostForm("/open311/v2/requests.json", "service_code=road-damage&lat=10.5366&long=106.4137");
  EXPECT_EQ(no_key.status, 403);
  EXPECT_EQ(no_key.Json()[0]["code"], 403);
  auto bad_key = PostForm("/open311/v2/requests.json", "api_key=nope&service_code=road-damage&lat=10.5366&long=106.4137");
  EXPECT_EQ(bad_key.status, 403);
  auto no_code = PostForm("/open311/v2/requests.json", "api_key=" + key + "&lat=10.5&long=106.4");
  EXPECT_EQ(no_code.status, 400);
  auto bad_attr = PostForm("/open311/v2/requests.xml",
                           "api_key=" + key + "&service_code=road-damage&lat=10.5366&long=106.4137"
                           "&description=%E1%BB%94%20g%C3%A0%20l%E1%BB%9Bn%20gi%E1%BB%AFa%20%C4%91%C6%B0%E1%BB%9Dng"
                           "&phone=0901234567&attribute[size]=gigantic");
  EXPECT_EQ(bad_attr.status, 400);
  EXPECT_TRUE(absl::StrContains(bad_attr.body, "<errors>"));

  auto posted = PostForm("/open311/v2/requests.json",
                         "api_key=" + key + "&service_code=road-damage&lat=10.5366&long=106.4137"
                         "&address_string=12%20H%C3%B9ng%20V%C6%B0%C6%A1ng"
                         "&description=%E1%BB%94%20g%C3%A0%20l%E1%BB%9Bn%20gi%E1%BB%AFa%20%C4%91%C6%B0%E1%BB%9Dng"
                         "&first_name=An&last_name=Nguy%E1%BB%85n&phone=0901234567&attribute[size]=large");
  ASSERT_EQ(posted.status, 200) << posted.body;
  std::string id = posted.Json()[0]["service_request_id"];
  EXPECT_TRUE(absl::StartsWith(id, "1022-"));

  auto one = http_.Get("/open311/v2/requests/" + id + ".json");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json()[0]["status"], "open");
  EXPECT_TRUE(absl::StartsWith(one.Json()[0]["status_notes"].get<std::string>(), "ASSIGNED"));
  EXPECT_EQ(one.Json()[0]["agency_responsible"], "Sở Xây dựng");
  EXPECT_FALSE(absl::StrContains(one.body, "0901234567"));
  auto one_xml = http_.Get("/open311/v2/requests/" + id + ".xml");
  EXPECT_TRUE(absl::StrContains(one_xml.body, "<service_requests><request><service_request_id>" + id));
  auto token = http_.Get("/open311/v2/tokens/" + id + ".json");
  EXPECT_EQ(token.Json()[0]["service_request_id"], id);

  auto open = http_.Get("/open311/v2/requests.json?status=open&service_code=road-damage");
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(open.Json().size(), 1u);
  EXPECT_EQ(http_.Get("/open311/v2/requests.json?status=closed").Json().size(), 0u);
  EXPECT_EQ(http_.Get("/open311/v2/requests.json?service_request_id=" + id).Json().size(), 1u);
  EXPECT_EQ(http_.Get("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z")
                .Json()
                .size(),
            0u);
  EXPECT_EQ(http_.Get("/open311/v2/requests.json?page=2&page_size=1").Json().size(), 0u);
  EXPECT_EQ(http_.Get("/open311/v2/requests.json?start_date=yesterday").status, 400);
  EXPECT_EQ(http_.Get("/open311/v2/requests/1022-2026-999999.json").status, 404);
  EXPECT_EQ(http_.Get("/open311/v2/requests.csv").status, 404);
}

}  // namespace
}  // namespace laso
