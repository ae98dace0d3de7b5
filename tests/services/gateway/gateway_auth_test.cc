#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/auth/revocations.h"
#include "common/crypto/random.h"
#include "tests/services/gateway/gateway_fixture.h"

namespace laso::gateway {
namespace {

TEST_F(GatewayTest, ZaloSignInGivesASessionThatWorks) {
  auto user = zalo_.AddUser("Lê Văn Cường", "84987654321");
  auto r = client_->PostJson("/v1/auth/zalo", absl::StrCat(R"({"accessToken":")", user.access_token, "\"}"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  EXPECT_EQ(j["user"]["id"], user.id);
  EXPECT_EQ(j["user"]["name"], "Lê Văn Cường");
  EXPECT_NE(j["user"]["avatar"].get<std::string>().find("https://"), std::string::npos);
  EXPECT_EQ(j["user"]["phone"], "");  // not verified yet
  EXPECT_NE(j["expiresAt"].get<std::string>().find("+07:00"), std::string::npos);
  std::string token = j["sessionToken"];

  auto me = client_->Get("/v1/me", Bearer(token));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["subject"], absl::StrCat("zalo:", user.id));
  EXPECT_EQ(me.Json()["role"], "CITIZEN");
  auto who = client_->Get("/v1/test/whoami", Bearer(token));
  ASSERT_EQ(who.status, 200) << who.body;
  EXPECT_EQ(who.Json()["callerSubject"], absl::StrCat("zalo:", user.id));
  EXPECT_EQ(who.Json()["callerRole"], "citizen");
}

TEST_F(GatewayTest, BadOrRevokedZaloTokensAre401) {
  auto bad = client_->PostJson("/v1/auth/zalo", R"({"accessToken":"not-a-zalo-token"})");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.Json()["error"]["status"], "UNAUTHENTICATED");
  auto empty = client_->PostJson("/v1/auth/zalo", R"({"accessToken":""})");
  EXPECT_EQ(empty.status, 400);
  auto user = zalo_.AddUser("x", "84987654321");
  zalo_.RevokeToken(user.access_token);
  EXPECT_EQ(client_->PostJson("/v1/auth/zalo", absl::StrCat(R"({"accessToken":")", user.access_token, "\"}")).status,
            401);
}

TEST_F(GatewayTest, ASuccessfulZaloCheckIsCachedForTheTokensLife) {
  auto user = zalo_.AddUser("Phạm Thị Dung", "84987654321");
  std::string body = absl::StrCat(R"({"accessToken":")", user.access_token, "\"}");
  ASSERT_EQ(client_->PostJson("/v1/auth/zalo", body).status, 200);
  ASSERT_EQ(client_->PostJson("/v1/auth/zalo", body).status, 200);
  ASSERT_EQ(client_->PostJson("/v1/auth/zalo", body).status, 200);
  EXPECT_EQ(zalo_.Stats()["me"], 1);
  // Never the token itself as a key.
  redis::Client redis(redis_.ClientOptions());
  auto keys = redis.Run({"KEYS", "*"});
  for (const auto& k : keys->elements) EXPECT_EQ(k.str.find(user.access_token), std::string::npos);
}

TEST_F(GatewayTest, PhoneExchangeGivesASessionWithTheVerifiedPhone) {
  auto user = zalo_.AddUser("Võ Minh Đức", "84901112233");
  auto r = client_->PostJson("/v1/auth/zalo/phone", absl::StrCat(R"({"accessToken":")", user.access_token,
                                                                  R"(","phoneToken":")", user.phone_token, "\"}"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["user"]["phone"], "84901112233");
  auto who = client_->Get("/v1/test/whoami", Bearer(r.Json()["sessionToken"]));
  EXPECT_EQ(who.Json()["callerPhone"], "84901112233");
  auto wrong_code = client_->PostJson("/v1/auth/zalo/phone", absl::StrCat(R"({"accessToken":")", user.access_token,
                                                                           R"(","phoneToken":"guess"})"));
  EXPECT_EQ(wrong_code.status, 401);
}

// The Mini App's getLocation gives a token; the gateway turns it into the point Zalo knows, for
// the resident whose Zalo account it is only.
TEST_F(GatewayTest, ALocationTokenBecomesThePointZaloKnows) {
  auto user = zalo_.AddUser("Võ Minh Đức", "84901112233");
  std::string location = zalo_.SetLocation(user.access_token, 10.5401, 106.4189);
  auto session = client_->PostJson("/v1/auth/zalo", absl::StrCat(R"({"accessToken":")", user.access_token, "\"}"));
  ASSERT_EQ(session.status, 200) << session.body;
  auto bearer = Bearer(session.Json()["sessionToken"]);
  auto body = [&](const std::string& access, const std::string& token) {
    return absl::StrCat(R"({"accessToken":")", access, R"(","locationToken":")", token, "\"}");
  };
  auto r = client_->PostJson("/v1/auth/zalo/location", body(user.access_token, location), bearer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NEAR(r.Json()["latitude"].get<double>(), 10.5401, 1e-9);
  EXPECT_NEAR(r.Json()["longitude"].get<double>(), 106.4189, 1e-9);
  EXPECT_EQ(r.Json()["provider"], "gps");
  EXPECT_TRUE(r.Json().contains("recordedAt"));

  // A token Zalo does not know is the client's mistake (400), not an ended session (401).
  auto stale = client_->PostJson("/v1/auth/zalo/location", body(user.access_token, "not-a-location-token"), bearer);
  EXPECT_EQ(stale.status, 400) << stale.body;
  EXPECT_NE(stale.body.find("LOCATION_TOKEN_INVALID"), std::string::npos);
  // Another person's Zalo token would tell where they are.
  auto other = zalo_.AddUser("Lê Thị Hoa", "84901112244");
  std::string theirs = zalo_.SetLocation(other.access_token, 10.6, 106.5);
  auto foreign = client_->PostJson("/v1/auth/zalo/location", body(other.access_token, theirs), bearer);
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  EXPECT_NE(foreign.body.find("NOT_YOUR_ZALO_ACCOUNT"), std::string::npos);
  // Signed in only.
  EXPECT_EQ(client_->PostJson("/v1/auth/zalo/location", body(user.access_token, location)).status, 401);
  EXPECT_EQ(client_->PostJson("/v1/auth/zalo/location", body(user.access_token, ""), bearer).status, 400);
}

TEST_F(GatewayTest, RefreshRenewsAValidSessionOnly) {
  std::string token = CitizenToken("84905556677");
  auto r = client_->PostJson("/v1/auth/refresh", "{}", Bearer(token));
  ASSERT_EQ(r.status, 200) << r.body;
  std::string renewed = r.Json()["sessionToken"];
  EXPECT_NE(renewed, token);
  EXPECT_EQ(client_->Get("/v1/test/whoami", Bearer(renewed)).Json()["callerPhone"], "84905556677");
  EXPECT_EQ(client_->PostJson("/v1/auth/refresh", "{}").status, 401);
  EXPECT_EQ(client_->PostJson("/v1/auth/refresh", "{}", Bearer("garbage")).status, 401);
  EXPECT_EQ(client_->PostJson("/v1/auth/refresh", "{}", Bearer(StaffToken(rpc::Role::OPERATOR, "op1"))).status, 403);
}

TEST_F(GatewayTest, ProtectedRoutesNeedAValidToken) {
  EXPECT_EQ(client_->Get("/v1/test/whoami").status, 401);
  EXPECT_EQ(client_->Get("/v1/test/whoami", Bearer("abc.def.ghi")).status, 401);
  EXPECT_EQ(client_->Get("/v1/test/whoami", {{"Authorization", "Basic dXNlcjpwYXNz"}}).status, 401);
  // A token signed with another key.
  crypto::JwtKeys other;
  other.Add("k1", crypto::RandomBytes(32));
  auth::SessionTokens forger(other, auth::TokenOptions{}, RealClock::Get());
  EXPECT_EQ(client_->Get("/v1/test/whoami", Bearer(forger.IssueSession({.zalo_id = "1"})->token)).status, 401);
  // alg "none".
  auto b64 = [](const std::string& s) {
    std::string out;
    absl::WebSafeBase64Escape(s, &out);
    return out;
  };
  std::string none = absl::StrCat(b64(R"({"alg":"none","typ":"JWT"})"), ".",
                                  b64(R"({"sub":"staff:x","role":"admin","iss":"laso","aud":"laso-api","exp":9999999999})"), ".");
  EXPECT_EQ(client_->Get("/v1/test/staff", Bearer(none)).status, 401);
  // Signed with the gateway's own key, but expired, for another audience, or from another issuer.
  auto real_keys = [&] { return *auth::LoadJwtKeys(dir_.File("keys/gateway-jwt.key"), RealClock::Get()); };
  FakeClock last_week(absl::Now() - absl::Hours(24 * 7));
  auth::SessionTokens stale(real_keys(), auth::TokenOptions{}, &last_week);
  EXPECT_EQ(client_->Get("/v1/test/whoami", Bearer(stale.IssueSession({.zalo_id = "1"})->token)).status, 401);
  auth::SessionTokens elsewhere(real_keys(), auth::TokenOptions{.audience = "another-app"}, RealClock::Get());
  EXPECT_EQ(client_->Get("/v1/test/whoami", Bearer(elsewhere.IssueSession({.zalo_id = "1"})->token)).status, 401);
  auth::SessionTokens stranger(real_keys(), auth::TokenOptions{.issuer = "not-laso"}, RealClock::Get());
  EXPECT_EQ(client_->Get("/v1/test/whoami", Bearer(stranger.IssueSession({.zalo_id = "1"})->token)).status, 401);
  auth::SessionTokens genuine(real_keys(), auth::TokenOptions{}, RealClock::Get());
  std::string good = genuine.IssueSession({.zalo_id = "1"})->token;
  EXPECT_EQ(client_->Get("/v1/test/whoami", Bearer(good)).status, 200);
  // One character of the signature or the claims changed.
  std::string flipped = good;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(client_->Get("/v1/test/whoami", Bearer(flipped)).status, 401);
  std::string claims = good;
  size_t dot = claims.find('.');
  claims[dot + 5] = claims[dot + 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(client_->Get("/v1/test/whoami", Bearer(claims)).status, 401);
  // A public route ignores a bad token rather than refusing the call.
  EXPECT_EQ(client_->PostJson("/v1/test/echo", "{}", Bearer("garbage")).status, 200);
}

TEST_F(GatewayTest, RoleChecksDeclaredInTheProto) {
  EXPECT_EQ(client_->Get("/v1/test/staff", Bearer(CitizenToken())).status, 403);
  EXPECT_EQ(client_->Get("/v1/test/staff", Bearer(StaffToken(rpc::Role::OFFICER, "cb1", "H15.50"))).status, 403);
  auto op = client_->Get("/v1/test/staff", Bearer(StaffToken(rpc::Role::OPERATOR, "tongdai-01")));
  ASSERT_EQ(op.status, 200) << op.body;
  EXPECT_EQ(op.Json()["callerSubject"], "staff:tongdai-01");
  EXPECT_EQ(op.Json()["callerRole"], "operator");
}

TEST_F(GatewayTest, CorsForTheMiniApp) {
  auto pre = client_->Send("OPTIONS", "/v1/test/echo", "",
                           {{"Origin", "https://h5.zdn.vn"}, {"Access-Control-Request-Method", "POST"},
                            {"Access-Control-Request-Headers", "authorization,content-type,idempotency-key"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.Header("Access-Control-Allow-Origin"), "https://h5.zdn.vn");
  EXPECT_NE(pre.Header("Access-Control-Allow-Headers").find("Idempotency-Key"), std::string::npos);
  EXPECT_FALSE(pre.Header("Access-Control-Max-Age").empty());
  auto evil = client_->Send("OPTIONS", "/v1/test/echo", "",
                            {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(evil.status, 403);
  EXPECT_TRUE(evil.Header("Access-Control-Allow-Origin").empty());
  auto actual = client_->PostJson("/v1/test/echo", "{}", {{"Origin", "https://h5.zdn.vn"}});
  EXPECT_EQ(actual.Header("Access-Control-Allow-Origin"), "https://h5.zdn.vn");
  EXPECT_NE(actual.Header("Access-Control-Expose-Headers").find("X-Request-Id"), std::string::npos);
  auto error = client_->Get("/v1/nowhere", {{"Origin", "https://h5.zdn.vn"}});
  EXPECT_EQ(error.Header("Access-Control-Allow-Origin"), "https://h5.zdn.vn");  // errors are readable too
  EXPECT_TRUE(client_->PostJson("/v1/test/echo", "{}", {{"Origin", "https://evil.example"}})
                  .Header("Access-Control-Allow-Origin")
                  .empty());
}

TEST_F(GatewayTest, ForwardedForIsIgnoredFromUntrustedPeers) {
  auto r = client_->Get("/v1/test/whoami", {{"X-Forwarded-For", "1.2.3.4"}, {"Authorization", "Bearer " + CitizenToken()}});
  EXPECT_EQ(r.Json()["clientIp"], "127.0.0.1");
}

class GatewayBehindProxyTest : public GatewayTest {
  void Configure(config::Config& config) override {
    ASSERT_TRUE(config.Set("gateway.trusted_proxies", "127.0.0.1").ok());
  }
};

TEST_F(GatewayBehindProxyTest, ForwardedForFromATrustedProxyNamesTheClient) {
  auto r = client_->Get("/v1/test/whoami", {{"X-Forwarded-For", "9.9.9.9, 1.2.3.4"}, {"Authorization", "Bearer " + CitizenToken()}});
  EXPECT_EQ(r.Json()["clientIp"], "1.2.3.4");
}

class GatewayWrongSecretTest : public GatewayTest {
  void Configure(config::Config& config) override {
    ASSERT_TRUE(config.Set("zalo.app_secret", "not-the-app-secret").ok());
  }
};

TEST_F(GatewayWrongSecretTest, ZaloRefusesAWrongAppSecretProof) {
  auto user = zalo_.AddUser("x", "84987654321");
  auto r = client_->PostJson("/v1/auth/zalo", absl::StrCat(R"({"accessToken":")", user.access_token, "\"}"));
  EXPECT_EQ(r.status, 401) << r.body;
}

TEST_F(GatewayTest, AnErasedResidentsSessionsEndAndASignInAfterIsANewPerson) {
  std::string before = ConsentedCitizenToken("3000000000000000009");
  ASSERT_EQ(client_->Get("/v1/me", {{"Authorization", "Bearer " + before}}).status, 200);
  absl::SleepFor(absl::Seconds(1));  // tokens carry whole seconds
  // As the privacy service writes it when the resident is erased.
  PublishRevocations({auth::ErasedMember("zalo:3000000000000000009", absl::Now())});
  bool refused = false;
  for (int i = 0; i < 40 && !refused; ++i) {
    auto me = client_->Get("/v1/me", {{"Authorization", "Bearer " + before}});
    refused = me.status == 401 && me.Json()["error"]["details"].dump().find("SESSION_ENDED") != std::string::npos;
    if (!refused) absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(refused) << "a token from before the erasure still works";
  absl::SleepFor(absl::Seconds(1));
  std::string after = ConsentedCitizenToken("3000000000000000009");
  EXPECT_EQ(client_->Get("/v1/me", {{"Authorization", "Bearer " + after}}).status, 200);
  // Someone else is not touched.
  EXPECT_EQ(client_->Get("/v1/me", {{"Authorization", "Bearer " + ConsentedCitizenToken("3000000000000000010")}}).status,
            200);
}

}  // namespace
}  // namespace laso::gateway
