// Every google.api.http form, through real HTTP to a real gRPC backend that
// the gateway knows only from a descriptor set file: a new annotated RPC is
// reachable with no gateway change.
#include "tests/services/gateway/gateway_fixture.h"

namespace laso::gateway {
namespace {

TEST_F(GatewayTest, BodyStarPostReachesTheBackendWithARequestId) {
  auto r = client_->PostJson("/v1/test/echo", R"({"message":"Xin chào Long An"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  EXPECT_EQ(j["message"], "Xin chào Long An");
  EXPECT_EQ(j["callerRole"], "anonymous");
  EXPECT_EQ(r.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(r.Header("X-Request-Id").size(), 26u);  // generated (ULID)
  EXPECT_EQ(j["requestId"], r.Header("X-Request-Id"));  // and passed to the service
}

TEST_F(GatewayTest, AGivenRequestIdIsEchoedAndForwarded) {
  auto r = client_->PostJson("/v1/test/echo", "{}", {{"X-Request-Id", "app-7f3a-42"}});
  EXPECT_EQ(r.Header("X-Request-Id"), "app-7f3a-42");
  EXPECT_EQ(r.Json()["requestId"], "app-7f3a-42");
  // One that could inject into logs or headers is replaced.
  auto bad = client_->PostJson("/v1/test/echo", "{}", {{"X-Request-Id", "a\"b{c}"}});
  EXPECT_NE(bad.Header("X-Request-Id"), "a\"b{c}");
}

TEST_F(GatewayTest, LanguageAndIdempotencyKeyReachTheService) {
  auto r = client_->PostJson("/v1/test/echo", "{}", {{"Accept-Language", "vi-VN"}, {"Idempotency-Key", "k-123"}});
  EXPECT_EQ(r.Json()["acceptLanguage"], "vi-VN");
  EXPECT_EQ(r.Json()["idempotencyKey"], "k-123");
}

TEST_F(GatewayTest, EveryAnnotationFormOfTheLibrary) {
  // POST with body: "book" and a path variable.
  auto created = client_->PostJson("/v1/shelves/s1/books",
                                   R"({"id":"b1","title":"Đất rừng phương Nam","genre":"FICTION","pages":"310",
                                       "tags":["thiếu nhi"],"publishedAt":"1957-01-01T00:00:00+07:00"})");
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.Json()["shelf"], "s1");
  EXPECT_EQ(created.Json()["publishedAt"], "1957-01-01T00:00:00+07:00");

  // GET with a multi-segment variable, and its additional binding with "**".
  auto got = client_->Get("/v1/shelves/s1/books/b1");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.Json()["title"], "Đất rừng phương Nam");
  auto again = client_->Get("/v1/books/shelves/s1/books/b1");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["id"], "b1");

  // GET with query parameters: nested, repeated, enum, bool, int64, timestamp.
  auto listed = client_->Get(
      "/v1/shelves/s1/books?pageSize=5&filter.author=S%C6%A1n%20Nam&filter.tags=a&filter.tags=b&filter.genre=FICTION"
      "&include_archived=true&ids=7&ids=8&published_after=2026-01-01T00:00:00Z");
  ASSERT_EQ(listed.status, 200) << listed.body;
  auto echo = listed.Json()["echo"];
  EXPECT_EQ(echo["pageSize"], 5);
  EXPECT_EQ(echo["filter"]["author"], "Sơn Nam");
  EXPECT_EQ(echo["filter"]["tags"], nlohmann::json({"a", "b"}));
  EXPECT_EQ(echo["filter"]["genre"], "FICTION");
  EXPECT_EQ(echo["includeArchived"], true);
  EXPECT_EQ(echo["ids"], nlohmann::json({"7", "8"}));
  EXPECT_EQ(echo["publishedAfter"], "2026-01-01T07:00:00+07:00");
  EXPECT_EQ(listed.Json()["books"].size(), 1u);

  // PATCH with a nested path variable ({book.id}) and body: "book".
  auto patched = client_->Send("PATCH", "/v1/shelves/s1/books/b1", R"({"title":"Rừng U Minh"})",
                               {{"Content-Type", "application/json"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json()["title"], "Rừng U Minh");

  // PUT with body: "*".
  auto put = client_->Send("PUT", "/v1/shelves/s1/books/b2", R"({"title":"Hương rừng Cà Mau"})",
                           {{"Content-Type", "application/json"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.Json()["id"], "b2");
  EXPECT_EQ(put.Json()["shelf"], "s1");

  // A custom verb.
  auto archived = client_->PostJson("/v1/shelves/s1/books/b2:archive", R"({"reason":"cũ"})");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.Json()["archived"], true);

  // DELETE, answering google.protobuf.Empty.
  auto deleted = client_->Send("DELETE", "/v1/shelves/s1/books/b2");
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(deleted.body, "{}");
  EXPECT_EQ(client_->Get("/v1/shelves/s1/books/b2").status, 404);
}

TEST_F(GatewayTest, RawUploadsAndNonJsonAnswersGoThroughHttpBody) {
  ASSERT_EQ(client_->PostJson("/v1/shelves/s1/books", R"({"id":"b1"})").status, 200);
  std::string png("\x89PNG\r\n\x1a\n", 8);
  png += std::string(2 << 20, '\x07');  // 2 MiB: over the default body limit, under the route's
  auto up = client_->Send("POST", "/v1/shelves/s1/books/b1/cover", png, {{"Content-Type", "image/png"}});
  ASSERT_EQ(up.status, 200) << up.body.substr(0, 300);
  EXPECT_EQ(up.Json()["coverType"], "image/png");
  EXPECT_EQ(up.Json()["coverBytes"], std::to_string(png.size()));
  auto down = client_->Get("/v1/shelves/s1/books/b1/cover");
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(down.Header("Content-Type"), "image/png");
  EXPECT_EQ(down.body, png);
}

TEST_F(GatewayTest, KeepAliveReusesOneConnection) {
  for (int i = 0; i < 20; ++i) ASSERT_EQ(client_->PostJson("/v1/test/echo", "{}").status, 200);
  ASSERT_EQ(client_->Get("/v1/test/fail/5").status, 404);  // errors keep the connection too
  ASSERT_EQ(client_->PostJson("/v1/test/echo", "{}").status, 200);
  EXPECT_EQ(client_->connections_opened(), 1);
}

}  // namespace
}  // namespace laso::gateway
