#include "services/gateway/open311.h"

#include <gtest/gtest.h>

#include "laso/feedback/v1/feedback.pb.h"

namespace laso::gateway::open311 {
namespace {

namespace fb = laso::feedback::v1;

absl::StatusOr<Parsed> P(absl::string_view method, absl::string_view path, http::QueryParams query = {},
                         absl::string_view body = "", Error* error = nullptr) {
  Error ignored{0, ""};
  return Parse(method, path, query, "application/x-www-form-urlencoded", body, error ? error : &ignored);
}

TEST(Open311Test, PathsMapToFeedbackCalls) {
  auto services = P("GET", "/open311/v2/services.xml");
  ASSERT_TRUE(services.ok());
  EXPECT_EQ(services->format, Format::kXml);
  EXPECT_EQ(services->grpc_path, "/laso.feedback.v1.FeedbackService/ListCategories");
  auto def = P("GET", "/open311/v2/services/road-damage.json");
  EXPECT_EQ(static_cast<fb::GetCategoryRequest&>(*def->request).code(), "road-damage");
  auto list = P("GET", "/open311/v2/requests.json",
                {{"service_request_id", "1022-2026-000001,1022-2026-000002"}, {"status", "closed"}, {"page", "2"}});
  ASSERT_TRUE(list.ok());
  auto& req = static_cast<fb::ListPublicFeedbackRequest&>(*list->request);
  EXPECT_EQ(req.ids_size(), 2);
  EXPECT_EQ(req.state(), "closed");
  EXPECT_EQ(req.page(), 2);
  EXPECT_EQ(P("GET", "/open311/v2/tokens/1022-2026-000001.json")->kind, Kind::kToken);
}

TEST(Open311Test, FormBecomesAReportWithAttributes) {
  auto post = P("POST", "/open311/v2/requests.json", {},
                "api_key=k&service_code=rubbish&lat=10.5&long=106.4&description=R%C3%A1c&first_name=An"
                "&last_name=Nguy%E1%BB%85n&phone=0901234567&attribute[kind][]=household&attribute[kind][]=bulky");
  ASSERT_TRUE(post.ok()) << post.status();
  EXPECT_EQ(post->api_key, "k");
  auto& r = static_cast<fb::CreateFeedbackRequest&>(*post->request);
  EXPECT_EQ(r.category_code(), "rubbish");
  EXPECT_EQ(r.description(), "Rác");
  EXPECT_EQ(r.reporter().name(), "Nguyễn An");
  ASSERT_EQ(r.answers_size(), 1);
  EXPECT_EQ(r.answers(0).values_size(), 2);
}

TEST(Open311Test, ErrorsFollowTheSpec) {
  Error e{0, ""};
  EXPECT_FALSE(P("POST", "/open311/v2/requests.xml", {}, "service_code=x&lat=1&long=2", &e).ok());
  EXPECT_EQ(e.http_status, 403);
  EXPECT_EQ(e.format, Format::kXml);
  EXPECT_FALSE(P("POST", "/open311/v2/requests.json", {}, "api_key=k&lat=1&long=2", &e).ok());
  EXPECT_EQ(e.http_status, 400);
  EXPECT_FALSE(P("GET", "/open311/v2/requests.json", {{"page_size", "5000"}}, "", &e).ok());
  EXPECT_EQ(e.http_status, 400);
  EXPECT_FALSE(P("GET", "/open311/v2/services", {}, "", &e).ok());
  EXPECT_EQ(e.http_status, 404);
  EXPECT_FALSE(P("DELETE", "/open311/v2/requests.json", {}, "", &e).ok());
  EXPECT_EQ(e.http_status, 404);
  // Found by tools/fuzz: bytes that are not UTF-8 reached the feedback service.
  EXPECT_FALSE(P("GET", "/open311/v2/services/road\xff.json", {}, "", &e).ok());
  EXPECT_EQ(e.http_status, 400);
  EXPECT_FALSE(P("POST", "/open311/v2/requests.xml", {}, "api_key=k&service_code=rubbish&description=%FF%FE", &e).ok());
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.format, Format::kXml);
  Rendered json = RenderError({404, "no such request", Format::kJson});
  EXPECT_EQ(json.body, R"([{"code":404,"description":"no such request"}])");
  Rendered xml = RenderError({400, "a <b> & c", Format::kXml});
  EXPECT_EQ(xml.body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>400</code>"
            "<description>a &lt;b&gt; &amp; c</description></error></errors>");
}

TEST(Open311Test, RequestsRenderOpenOrClosedWithOurStatusInTheNotes) {
  auto list = P("GET", "/open311/v2/requests.json");
  fb::ListFeedbackResponse r;
  fb::Feedback* f = r.add_items();
  f->set_id("1022-2026-000007");
  f->set_status(fb::ANSWERED);
  f->set_status_label("Đã trả lời");
  f->set_answer("Đã vá xong.");
  f->mutable_location()->set_latitude(10.5);
  f->mutable_received_at()->set_seconds(1773626400);  // 2026-03-16T09:00:00+07:00
  auto rendered = RenderAnswer(*list, r.SerializeAsString());
  ASSERT_TRUE(rendered.ok());
  auto doc = nlohmann::json::parse(rendered->body);
  EXPECT_EQ(doc[0]["status"], "closed");
  EXPECT_EQ(doc[0]["status_notes"], "ANSWERED: Đã trả lời. Đã vá xong.");
  EXPECT_EQ(doc[0]["requested_datetime"], "2026-03-16T09:00:00+07:00");
  EXPECT_TRUE(doc[0]["media_url"].is_null());
}

}  // namespace
}  // namespace laso::gateway::open311
