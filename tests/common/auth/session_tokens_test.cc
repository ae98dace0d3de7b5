#include "services/gateway/session_tokens.h"

#include <gtest/gtest.h>

namespace laso::gateway {
namespace {

crypto::JwtKeys Keys() {
  crypto::JwtKeys keys;
  keys.Add("k1", "0123456789abcdef0123456789abcdef");
  return keys;
}

TEST(SessionTokensTest, SessionsCarryTheZaloUserAndPhone) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  SessionTokens tokens(Keys(), {}, &clock);
  auto issued = tokens.IssueSession("3000000000000000001", "Nguyễn Văn An", "84901234567");
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(issued->expires_at, clock.Now() + absl::Hours(1));
  absl::Time expires;
  auto caller = tokens.Verify(issued->token, &expires);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject(), "zalo:3000000000000000001");
  EXPECT_EQ(caller->role(), rpc::Role::CITIZEN);
  EXPECT_EQ(caller->phone(), "84901234567");
  EXPECT_EQ(caller->name(), "Nguyễn Văn An");
  EXPECT_EQ(expires, issued->expires_at);
  clock.Advance(absl::Hours(1) + absl::Minutes(1));
  EXPECT_EQ(tokens.Verify(issued->token).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(SessionTokensTest, StaffTokens) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  SessionTokens tokens(Keys(), {}, &clock);
  auto officer = tokens.IssueStaff(rpc::Role::OFFICER, "canbo1", "H15.50", absl::Hours(24 * 30));
  ASSERT_TRUE(officer.ok());
  auto caller = tokens.Verify(officer->token);
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->role(), rpc::Role::OFFICER);
  EXPECT_EQ(caller->agency(), "H15.50");
  EXPECT_EQ(caller->subject(), "staff:canbo1");
  EXPECT_FALSE(tokens.IssueStaff(rpc::Role::OFFICER, "x", "", absl::Hours(1)).ok());  // officers need an agency
  EXPECT_FALSE(tokens.IssueStaff(rpc::Role::CITIZEN, "x", "", absl::Hours(1)).ok());
}

TEST(SessionTokensTest, RefusesTokensOfOtherIssuersOrAudiences) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  SessionTokens ours(Keys(), {}, &clock);
  SessionTokens theirs(Keys(), {.issuer = "other", .audience = "laso-api"}, &clock);
  SessionTokens wrong_aud(Keys(), {.issuer = "laso", .audience = "elsewhere"}, &clock);
  EXPECT_FALSE(ours.Verify(theirs.IssueSession("1", "", "")->token).ok());
  EXPECT_FALSE(ours.Verify(wrong_aud.IssueSession("1", "", "")->token).ok());
}

TEST(SessionTokensTest, ForgedRoleClaimsAreRefused) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  crypto::JwtKeys keys = Keys();
  SessionTokens tokens(keys, {}, &clock);
  nlohmann::json claims = {{"iss", "laso"}, {"aud", "laso-api"}, {"exp", 1790003600}, {"iat", 1790000000}};
  claims["sub"] = "zalo:1";
  claims["role"] = "admin";  // a citizen subject claiming admin
  EXPECT_FALSE(tokens.Verify(*keys.Sign(claims)).ok());
  claims["role"] = "emperor";
  EXPECT_FALSE(tokens.Verify(*keys.Sign(claims)).ok());
}

TEST(SessionTokensTest, ParsesRoleNames) {
  EXPECT_EQ(ParseRoleName("operator"), rpc::Role::OPERATOR);
  EXPECT_EQ(ParseRoleName("TRACKER"), rpc::Role::TRACKER);
  EXPECT_EQ(ParseRoleName("boss"), rpc::Role::ROLE_UNSPECIFIED);
}

}  // namespace
}  // namespace laso::gateway
