#include "common/auth/session_tokens.h"

#include <gtest/gtest.h>

namespace laso::auth {
namespace {

crypto::JwtKeys Keys() {
  crypto::JwtKeys keys;
  keys.Add("k1", "0123456789abcdef0123456789abcdef");
  return keys;
}

TEST(SessionTokensTest, SessionsCarryTheZaloUserAndPhone) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  SessionTokens tokens(Keys(), {}, &clock);
  auto issued = tokens.IssueSession({.zalo_id = "3000000000000000001", .name = "Nguyễn Văn An", .phone = "84901234567"});
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(issued->expires_at, clock.Now() + absl::Hours(1));
  auto verified = tokens.Verify(issued->token);
  ASSERT_TRUE(verified.ok()) << verified.status();
  const rpc::Caller& caller = verified->caller;
  EXPECT_EQ(caller.subject(), "zalo:3000000000000000001");
  EXPECT_EQ(caller.role(), rpc::Role::CITIZEN);
  EXPECT_EQ(caller.phone(), "84901234567");
  EXPECT_EQ(caller.name(), "Nguyễn Văn An");
  EXPECT_EQ(verified->kind, TokenKind::kResident);
  EXPECT_EQ(verified->revocable_id, "");
  EXPECT_EQ(verified->expires_at, issued->expires_at);
  clock.Advance(absl::Hours(1) + absl::Minutes(1));
  EXPECT_EQ(tokens.Verify(issued->token).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(SessionTokensTest, SessionsCarryTheConsentStateAndARefreshKeepsIt) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  SessionTokens tokens(Keys(), {}, &clock);
  auto issued = tokens.IssueSession(
      {.zalo_id = "42", .consent_version = 3, .consents = {"zalo_messages", "location_reminders"}});
  ASSERT_TRUE(issued.ok());
  auto verified = tokens.Verify(issued->token);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->caller.consent_version(), 3);
  ASSERT_EQ(verified->caller.consents_size(), 2);
  EXPECT_EQ(verified->caller.consents(1), "location_reminders");

  ResidentClaims again = ResidentClaims::Of(verified->caller);
  EXPECT_EQ(again.zalo_id, "42");
  EXPECT_EQ(again.consent_version, 3);
  EXPECT_EQ(again.consents.size(), 2u);

  auto none = tokens.Verify(tokens.IssueSession({.zalo_id = "43"})->token);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->caller.consent_version(), 0);
  EXPECT_EQ(none->caller.consents_size(), 0);
  EXPECT_FALSE(tokens.IssueSession({}).ok());
}

TEST(SessionTokensTest, StaffTokensNameThePersonAndTheirSession) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  SessionTokens tokens(Keys(), {}, &clock);
  auto officer = tokens.IssueStaff({"canbo1", "Trần Thị Bình", rpc::Role::OFFICER, "H15.50", "sess-1"}, absl::Minutes(15));
  ASSERT_TRUE(officer.ok()) << officer.status();
  auto verified = tokens.Verify(officer->token);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->caller.role(), rpc::Role::OFFICER);
  EXPECT_EQ(verified->caller.agency(), "H15.50");
  EXPECT_EQ(verified->caller.subject(), "staff:canbo1");
  EXPECT_EQ(verified->caller.name(), "Trần Thị Bình");
  EXPECT_EQ(verified->kind, TokenKind::kStaff);
  EXPECT_EQ(verified->revocable_id, "s:sess-1");
  // Officers and supervisors need an agency; people never sign in as a resident or a machine role.
  EXPECT_FALSE(tokens.IssueStaff({"x", "x", rpc::Role::SUPERVISOR, "", "s"}, absl::Minutes(15)).ok());
  EXPECT_FALSE(tokens.IssueStaff({"x", "x", rpc::Role::CITIZEN, "", "s"}, absl::Minutes(15)).ok());
  EXPECT_FALSE(tokens.IssueStaff({"x", "x", rpc::Role::INTEGRATION, "", "s"}, absl::Minutes(15)).ok());
  EXPECT_FALSE(tokens.IssueStaff({"x", "x", rpc::Role::OPERATOR, "", ""}, absl::Minutes(15)).ok());  // no session
}

TEST(SessionTokensTest, MachineTokensCarryTheirId) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  SessionTokens tokens(Keys(), {}, &clock);
  auto tracker = tokens.IssueMachine({"mt_01", "gps-62c12345", rpc::Role::TRACKER, "62C-123.45"}, absl::Hours(24));
  ASSERT_TRUE(tracker.ok());
  auto verified = tokens.Verify(tracker->token);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->caller.subject(), "machine:gps-62c12345");
  EXPECT_EQ(verified->kind, TokenKind::kMachine);
  EXPECT_EQ(verified->revocable_id, "t:mt_01");
  EXPECT_FALSE(tokens.IssueMachine({"mt_02", "x", rpc::Role::CITIZEN, ""}, absl::Hours(1)).ok());
  EXPECT_FALSE(tokens.IssueMachine({"", "x", rpc::Role::TRACKER, ""}, absl::Hours(1)).ok());
}

TEST(SessionTokensTest, AStaffTokenWithoutItsSessionIsRefused) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  crypto::JwtKeys keys = Keys();
  SessionTokens tokens(keys, {}, &clock);
  nlohmann::json claims = {{"iss", "laso"}, {"aud", "laso-api"}, {"exp", 1790003600}, {"iat", 1790000000},
                           {"sub", "staff:tongdai"}, {"role", "operator"}, {"typ", "staff"}};
  EXPECT_FALSE(tokens.Verify(*keys.Sign(claims)).ok());  // no "sid": it could never be revoked
  claims["sid"] = "s1";
  EXPECT_TRUE(tokens.Verify(*keys.Sign(claims)).ok());
  claims["typ"] = "machine";  // a person's claims dressed as a machine's
  EXPECT_FALSE(tokens.Verify(*keys.Sign(claims)).ok());
}

TEST(SessionTokensTest, RefusesTokensOfOtherIssuersOrAudiences) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  SessionTokens ours(Keys(), {}, &clock);
  SessionTokens theirs(Keys(), {.issuer = "other", .audience = "laso-api"}, &clock);
  SessionTokens wrong_aud(Keys(), {.issuer = "laso", .audience = "elsewhere"}, &clock);
  EXPECT_FALSE(ours.Verify(theirs.IssueSession({.zalo_id = "1"})->token).ok());
  EXPECT_FALSE(ours.Verify(wrong_aud.IssueSession({.zalo_id = "1"})->token).ok());
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
}  // namespace laso::auth
