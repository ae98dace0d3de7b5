#include "services/gateway/transcoder.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "common/status/status.h"
#include "laso/testing/v1/echo.pb.h"

namespace laso::gateway {
namespace {

namespace tv1 = laso::testing::v1;

class TranscoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_ = std::move(*DescriptorRegistry::Create({LASO_TEST_DESCRIPTOR_SET}));
    table_ = std::move(*RouteTable::Build(registry_->Services()));
    transcoder_ = std::make_unique<Transcoder>(registry_.get(), 7 * 60);
  }

  template <typename Message>
  absl::StatusOr<Message> Build(const std::string& method, const std::string& target, const std::string& body = "",
                                const std::string& content_type = "application/json") {
    auto [path, query] = http::SplitTarget(target);
    RouteMatch match;
    EXPECT_EQ(table_.Match(method, path, &match, nullptr), RouteTable::Result::kFound) << target;
    auto params = http::ParseQuery(query);
    if (!params.ok()) return params.status();
    auto bytes = transcoder_->BuildRequest(match, *params, content_type, body);
    if (!bytes.ok()) return bytes.status();
    Message m;
    EXPECT_TRUE(m.ParseFromString(*bytes));
    return m;
  }

  std::unique_ptr<DescriptorRegistry> registry_;
  RouteTable table_;
  std::unique_ptr<Transcoder> transcoder_;
};

TEST_F(TranscoderTest, BodyStarFillsTheWholeRequest) {
  auto req = Build<tv1::EchoRequest>("POST", "/v1/test/echo", R"({"message":"Xin chào"})");
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_EQ(req->message(), "Xin chào");
  EXPECT_TRUE(Build<tv1::EchoRequest>("POST", "/v1/test/echo", "").ok());  // empty body is {}
}

TEST_F(TranscoderTest, BodyFieldAndPathVariables) {
  auto req = Build<tv1::CreateBookRequest>("POST", "/v1/shelves/s1/books",
                                           R"({"id":"b1","title":"Đất rừng phương Nam","pages":"310","genre":"FICTION"})");
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_EQ(req->shelf(), "s1");
  EXPECT_EQ(req->book().title(), "Đất rừng phương Nam");
  EXPECT_EQ(req->book().pages(), 310);
  EXPECT_EQ(req->book().genre(), tv1::FICTION);
}

TEST_F(TranscoderTest, NestedPathVariableWinsOverTheBody) {
  auto req = Build<tv1::UpdateBookRequest>("PATCH", "/v1/shelves/s1/books/b1", R"({"id":"other","title":"New"})");
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_EQ(req->book().id(), "b1");
  EXPECT_EQ(req->book().title(), "New");
}

TEST_F(TranscoderTest, QueryStringFillsScalarsNestedAndRepeatedFields) {
  auto req = Build<tv1::ListBooksRequest>(
      "GET",
      "/v1/shelves/s1/books?page_size=20&pageToken=abc&filter.author=T%C3%B4%20Ho%C3%A0i&filter.tags=a&filter.tags=b"
      "&filter.genre=HISTORY&include_archived=true&ids=1&ids=9007199254740993&published_after=2026-02-17T00:00:00%2B07:00");
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_EQ(req->shelf(), "s1");
  EXPECT_EQ(req->page_size(), 20);
  EXPECT_EQ(req->page_token(), "abc");
  EXPECT_EQ(req->filter().author(), "Tô Hoài");
  EXPECT_EQ(req->filter().tags_size(), 2);
  EXPECT_EQ(req->filter().genre(), tv1::HISTORY);
  EXPECT_TRUE(req->include_archived());
  ASSERT_EQ(req->ids_size(), 2);
  EXPECT_EQ(req->ids(1), 9007199254740993);
  EXPECT_EQ(req->published_after().seconds(), 1771261200);  // 2026-02-16T17:00:00Z
}

TEST_F(TranscoderTest, BadQueryValuesNameTheParameter) {
  for (const char* target : {"/v1/shelves/s1/books?page_size=many", "/v1/shelves/s1/books?filter.genre=POETRY",
                             "/v1/shelves/s1/books?include_archived=maybe", "/v1/shelves/s1/books?nope=1",
                             "/v1/shelves/s1/books?shelf=other", "/v1/shelves/s1/books?published_after=yesterday",
                             // Found by tools/fuzz: bytes that are not UTF-8, which no backend could parse.
                             "/v1/shelves/%FF%FE/books", "/v1/shelves/s1/books?filter.author=%C3%28"}) {
    auto req = Build<tv1::ListBooksRequest>("GET", target);
    ASSERT_FALSE(req.ok()) << target;
    EXPECT_EQ(req.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_FALSE(FieldViolations(req.status()).empty()) << target;
  }
}

TEST_F(TranscoderTest, MalformedJsonAndUnknownFieldsAreRefused) {
  auto bad = Build<tv1::EchoRequest>("POST", "/v1/test/echo", R"({"message":)");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("JSON"), std::string::npos);
  auto unknown = Build<tv1::EchoRequest>("POST", "/v1/test/echo", R"({"message":"x","admin":true})");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("admin"), std::string::npos);
  auto wrong_type = Build<tv1::EchoRequest>("POST", "/v1/test/echo", R"({"message":{"a":1}})");
  EXPECT_EQ(wrong_type.status().code(), absl::StatusCode::kInvalidArgument);
  auto body_on_get = Build<tv1::ListBooksRequest>("GET", "/v1/shelves/s1/books", "{}");
  EXPECT_EQ(body_on_get.status().code(), absl::StatusCode::kInvalidArgument);
  auto query_with_body_star = Build<tv1::EchoRequest>("POST", "/v1/test/echo?message=x", "{}");
  EXPECT_EQ(query_with_body_star.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(TranscoderTest, RawBodiesBecomeHttpBody) {
  std::string png("\x89PNG\r\n\x1a\n\0\0", 10);
  auto req = Build<tv1::UploadCoverRequest>("POST", "/v1/shelves/s1/books/b1/cover", png, "image/png");
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_EQ(req->file().content_type(), "image/png");
  EXPECT_EQ(req->file().data(), png);
  EXPECT_EQ(req->id(), "b1");
}

TEST_F(TranscoderTest, RendersJsonWithDefaultsAndLocalTimes) {
  RouteMatch match;
  ASSERT_EQ(table_.Match("GET", "/v1/shelves/s/books/b", &match, nullptr), RouteTable::Result::kFound);
  tv1::Book book;
  book.set_id("b");
  book.set_pages(9007199254740993);
  book.mutable_published_at()->set_seconds(1771261200);  // 2026-02-16T17:00:00Z
  auto payload = transcoder_->RenderResponse(*match.route, book.SerializeAsString());
  ASSERT_TRUE(payload.ok()) << payload.status();
  EXPECT_EQ(payload->content_type, "application/json; charset=utf-8");
  EXPECT_NE(payload->body.find(R"("publishedAt":"2026-02-17T00:00:00+07:00")"), std::string::npos) << payload->body;
  EXPECT_NE(payload->body.find(R"("pages":"9007199254740993")"), std::string::npos);  // int64 as a string
  EXPECT_NE(payload->body.find(R"("archived":false)"), std::string::npos);           // defaults are shown
  EXPECT_NE(payload->body.find(R"("tags":[])"), std::string::npos);
  EXPECT_EQ(transcoder_->RenderResponse(*match.route, "\xff\xff\xff").status().code(), absl::StatusCode::kInternal);
}

TEST_F(TranscoderTest, RendersHttpBodyAsItIs) {
  RouteMatch match;
  ASSERT_EQ(table_.Match("GET", "/v1/shelves/s/books/b/cover", &match, nullptr), RouteTable::Result::kFound);
  laso::api::HttpBody body;
  body.set_content_type("text/calendar; charset=utf-8");
  body.set_data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  auto payload = transcoder_->RenderResponse(*match.route, body.SerializeAsString());
  ASSERT_TRUE(payload.ok());
  EXPECT_EQ(payload->content_type, "text/calendar; charset=utf-8");
  EXPECT_EQ(payload->body, body.data());
}

TEST_F(TranscoderTest, ContentTypes) {
  RouteMatch json_route, raw_route, no_body;
  table_.Match("POST", "/v1/test/echo", &json_route, nullptr);
  table_.Match("POST", "/v1/shelves/s/books/b/cover", &raw_route, nullptr);
  table_.Match("GET", "/v1/test/whoami", &no_body, nullptr);
  EXPECT_TRUE(Transcoder::AcceptsContentType(*json_route.route, "application/json; charset=utf-8", 2));
  EXPECT_TRUE(Transcoder::AcceptsContentType(*json_route.route, "Application/JSON", 2));
  EXPECT_FALSE(Transcoder::AcceptsContentType(*json_route.route, "text/plain", 2));
  EXPECT_FALSE(Transcoder::AcceptsContentType(*json_route.route, "", 2));
  EXPECT_TRUE(Transcoder::AcceptsContentType(*json_route.route, "", 0));
  EXPECT_TRUE(Transcoder::AcceptsContentType(*raw_route.route, "image/heic", 2));
  EXPECT_FALSE(Transcoder::AcceptsContentType(*raw_route.route, "image/heic\xff", 2));  // not a media type
  EXPECT_TRUE(Transcoder::AcceptsContentType(*no_body.route, "text/plain", 0));
}

}  // namespace
}  // namespace laso::gateway
