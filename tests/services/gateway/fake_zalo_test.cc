#include "tools/fake-zalo/fake_zalo.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/testing/http_test_client.h"

namespace laso::fakezalo {
namespace {

class FakeZaloTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.Start().ok()); }
  void TearDown() override { server_.Stop(absl::ZeroDuration()); }
  std::string Proof(const std::string& token) { return crypto::Hex(crypto::HmacSha256("s3cret", token)); }

  FakeZalo zalo_{Options{.app_secret = "s3cret", .oa_access_token = "oa-token"}};
  http::Server server_{http::ServerOptions{.threads = 1}, &zalo_};
};

TEST_F(FakeZaloTest, MeChecksTokenAndAppSecretProofLikeZalo) {
  testing::HttpTestClient c(server_.port());
  auto user = zalo_.AddUser("Nguyễn Văn An", "84901234567");
  auto ok = c.Get("/v2.0/me?fields=id,name,picture", {{"access_token", user.access_token},
                                                       {"appsecret_proof", Proof(user.access_token)}});
  EXPECT_EQ(ok.Json()["id"], user.id);
  EXPECT_EQ(ok.Json()["error"], 0);
  auto bad_proof = c.Get("/v2.0/me", {{"access_token", user.access_token}, {"appsecret_proof", Proof("other")}});
  EXPECT_NE(bad_proof.Json()["error"], 0);
  auto bad_token = c.Get("/v2.0/me", {{"access_token", "nope"}, {"appsecret_proof", Proof("nope")}});
  EXPECT_EQ(bad_token.Json()["error"], -124);
}

TEST_F(FakeZaloTest, PhoneNumberNeedsTheSecretKeyAndTheCode) {
  testing::HttpTestClient c(server_.port());
  auto user = zalo_.AddUser("x", "84901234567");
  auto ok = c.Get("/v2.0/me/info", {{"access_token", user.access_token}, {"code", user.phone_token},
                                    {"secret_key", "s3cret"}});
  EXPECT_EQ(ok.Json()["data"]["number"], "84901234567");
  EXPECT_NE(c.Get("/v2.0/me/info", {{"access_token", user.access_token}, {"code", user.phone_token},
                                    {"secret_key", "wrong"}}).Json()["error"], 0);
  EXPECT_NE(c.Get("/v2.0/me/info", {{"access_token", user.access_token}, {"code", "guess"},
                                    {"secret_key", "s3cret"}}).Json()["error"], 0);
}

TEST_F(FakeZaloTest, ZnsSendsAreRecordedAndCanBeMadeToFail) {
  testing::HttpTestClient c(server_.port());
  std::string msg = R"({"phone":"84901234567","template_id":"231","template_data":{"code":"H15-1"},"tracking_id":"e1"})";
  auto sent = c.PostJson("/message/template", msg, {{"access_token", "oa-token"}});
  EXPECT_EQ(sent.Json()["error"], 0);
  EXPECT_EQ(zalo_.Sent().size(), 1u);
  EXPECT_EQ(zalo_.Sent()[0]["tracking_id"], "e1");
  EXPECT_EQ(c.PostJson("/message/template", msg, {{"access_token", "wrong"}}).Json()["error"], -216);
  c.PostJson("/_test/fail", R"({"mode":"500","count":1})");
  EXPECT_EQ(c.PostJson("/message/template", msg, {{"access_token", "oa-token"}}).status, 500);
  c.PostJson("/_test/fail", R"({"mode":"quota","count":1})");
  EXPECT_EQ(c.PostJson("/message/template", msg, {{"access_token", "oa-token"}}).Json()["error"], -1124);
  EXPECT_EQ(c.PostJson("/message/template", msg, {{"access_token", "oa-token"}}).Json()["error"], 0);
  EXPECT_EQ(c.Get("/_test/zns").Json().size(), 2u);
}

TEST_F(FakeZaloTest, ControlApiCreatesUsers) {
  testing::HttpTestClient c(server_.port());
  auto created = c.PostJson("/_test/users", R"({"name":"Đỗ Thị Em","phone":"84987000111"})");
  ASSERT_EQ(created.status, 200);
  auto token = created.Json()["accessToken"].get<std::string>();
  EXPECT_EQ(c.Get("/v2.0/me", {{"access_token", token}, {"appsecret_proof", Proof(token)}}).Json()["name"], "Đỗ Thị Em");
}

TEST_F(FakeZaloTest, OaTokenRefreshNeedsTheSecretKeyAndRotatesTheRefreshToken) {
  testing::HttpTestClient c(server_.port());
  auto refresh = [&](const std::string& token) {
    return c.Send("POST", "/v4/oa/access_token", "app_id=1&grant_type=refresh_token&refresh_token=" + token,
                  {{"secret_key", "s3cret"}, {"Content-Type", "application/x-www-form-urlencoded"}});
  };
  auto refreshed = refresh("fake-oa-refresh-token");
  EXPECT_FALSE(refreshed.Json()["access_token"].get<std::string>().empty());
  std::string next = refreshed.Json()["refresh_token"];
  EXPECT_NE(next, "fake-oa-refresh-token");
  EXPECT_FALSE(refresh("fake-oa-refresh-token").Json().contains("access_token"));  // used up
  EXPECT_TRUE(refresh(next).Json().contains("access_token"));
  EXPECT_NE(c.Send("POST", "/v4/oa/access_token", "", {{"secret_key", "bad"}}).Json()["error"], 0);
}

TEST_F(FakeZaloTest, MeInfoAnswersALocationTokenWithItsPlace) {
  testing::HttpTestClient c(server_.port());
  auto user = zalo_.AddUser("Nguyễn Văn An", "84901234567");
  std::string token = zalo_.SetLocation(user.access_token, 10.5366, 106.4137);
  auto r = c.Get("/v2.0/me/info", {{"access_token", user.access_token}, {"code", token}, {"secret_key", "s3cret"}});
  ASSERT_EQ(r.Json()["error"], 0) << r.body;
  EXPECT_EQ(r.Json()["data"]["latitude"], "10.536600");
  EXPECT_EQ(r.Json()["data"]["longitude"], "106.413700");
  // The phone token still answers the phone; a new location replaces the old token.
  auto phone = c.Get("/v2.0/me/info", {{"access_token", user.access_token}, {"code", user.phone_token}, {"secret_key", "s3cret"}});
  EXPECT_EQ(phone.Json()["data"]["number"], "84901234567");
  std::string moved = zalo_.SetLocation(user.access_token, 10.54, 106.42);
  auto old = c.Get("/v2.0/me/info", {{"access_token", user.access_token}, {"code", token}, {"secret_key", "s3cret"}});
  EXPECT_NE(old.Json()["error"], 0);
  // The control API mints one too.
  auto minted = c.PostJson("/_test/location", absl::StrCat(R"({"accessToken":")", user.access_token,
                                                           R"(","latitude":10.55,"longitude":106.43})"));
  ASSERT_EQ(minted.status, 200) << minted.body;
  EXPECT_NE(minted.Json()["locationToken"], moved);
}

}  // namespace
}  // namespace laso::fakezalo
