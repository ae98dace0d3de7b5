#include "services/staff/staff_store.h"

#include <gtest/gtest.h>

#include "common/audit/audit.h"
#include "common/testing/engines.h"
#include "common/testing/outbox_rows.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"

namespace laso::staff {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1796000000);

class StaffStoreTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  StaffStoreTest() {
    store_ = std::move(*StaffStore::Open(database_.db()));
    Account a;
    a.id = "acc-1";
    a.username = "tongdai-01";
    a.display_name = "Tổng đài viên";
    a.role = rpc::Role::OPERATOR;
    a.created_at = a.updated_at = kNow - absl::Hours(24 * 800);
    EXPECT_TRUE(store_->InsertAccount(a).ok());
  }
  // A session signed in at `start` (refreshable for 12 hours), ended at `ended` if given.
  void SignIn(const std::string& id, absl::Time start, std::optional<absl::Time> ended = std::nullopt) {
    SessionRow s;
    s.id = id;
    s.account_id = "acc-1";
    s.created_at = s.last_used_at = start;
    s.expires_at = start + absl::Hours(8);
    s.max_expires_at = start + absl::Hours(12);
    s.client_network = "10.0.0.0/24";
    ASSERT_TRUE(store_->InsertSession(s, "refresh-" + id).ok());
    if (ended) ASSERT_EQ(*store_->EndSession(id, "signed out", *ended), 1);
  }

  testing::TempDir dir_;
  testing::TestDatabase database_{GetParam(), dir_.path(), "staff"};
  std::unique_ptr<StaffStore> store_;
};

TEST_P(StaffStoreTest, OldSignInRecordsAreForgottenWithTheirRefreshTokensAndNothingElse) {
  absl::Duration keep = absl::Hours(24 * 365);
  SignIn("ended-long-ago", kNow - absl::Hours(24 * 400), kNow - absl::Hours(24 * 400) + absl::Hours(1));
  SignIn("lapsed-long-ago", kNow - absl::Hours(24 * 400));  // never signed out: it could not be refreshed after 12 h
  SignIn("ended-recently", kNow - absl::Hours(24 * 30), kNow - absl::Hours(24 * 30) + absl::Hours(2));
  SignIn("open", kNow - absl::Hours(1));

  auto forgotten = store_->ForgetSessions(kNow - keep);
  ASSERT_TRUE(forgotten.ok()) << forgotten.status();
  EXPECT_EQ(*forgotten, 2);
  auto left = store_->ListSessions("acc-1", 0, 10);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 2u);
  EXPECT_EQ((*left)[0].id, "open");
  EXPECT_EQ((*left)[1].id, "ended-recently");
  // A forgotten session's refresh token is unknown now; the open one still works.
  EXPECT_EQ(store_->Rotate("refresh-lapsed-long-ago", "next", absl::Hours(8), kNow)->outcome,
            Rotation::Outcome::kUnknown);
  EXPECT_EQ(store_->Rotate("refresh-open", "next-open", absl::Hours(8), kNow)->outcome, Rotation::Outcome::kRotated);
  EXPECT_EQ(*store_->ForgetSessions(kNow - keep), 0);  // twice changes nothing
  EXPECT_TRUE(store_->FindAccount("tongdai-01")->has_value());
}

TEST_P(StaffStoreTest, AnAdminsActAndItsAuditEventCommitTogether) {
  FakeClock clock(kNow);
  rpc::Caller admin;
  admin.set_role(rpc::Role::ADMIN);
  admin.set_subject("staff:root");
  SignIn("open", kNow - absl::Hours(1));
  auto ended = store_->EndSessionsOf("acc-1", "revoked by an admin", kNow,
                                     audit::ActOf("staff", admin, "staff.revoke_sessions", "staff/tongdai-01", "", clock));
  ASSERT_TRUE(ended.ok()) << ended.status();
  EXPECT_EQ(*ended, 1);
  MachineTokenRow token;
  token.id = "mt_1";
  token.name = "motcua";
  token.role = rpc::Role::INTEGRATION;
  token.created_at = kNow;
  token.expires_at = kNow + absl::Hours(24);
  ASSERT_TRUE(store_->InsertMachineToken(token, audit::ActOf("staff", admin, "staff.issue_token", "token/mt_1", "", clock)).ok());
  ASSERT_TRUE(store_->RevokeMachineToken("mt_1", kNow, audit::ActOf("staff", admin, "staff.revoke_token", "token/mt_1", "", clock)).ok());
  // Revoked once already: a second revocation changes nothing, and records nothing.
  ASSERT_TRUE(store_->RevokeMachineToken("mt_1", kNow, audit::ActOf("staff", admin, "staff.revoke_token", "token/mt_1", "", clock)).ok());
  std::vector<std::string> actions;
  for (const auto& a : testing::AuditRows(database_.db())) actions.push_back(a["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"staff.revoke_sessions", "staff.issue_token", "staff.revoke_token"}));
  // A token id taken already: the insert fails, and so no audit entry claims it was issued.
  EXPECT_FALSE(store_->InsertMachineToken(token, audit::ActOf("staff", admin, "staff.issue_token", "token/mt_1", "", clock)).ok());
  EXPECT_EQ(testing::AuditRows(database_.db()).size(), 3u);
}

LASO_ON_BOTH_ENGINES(StaffStoreTest);

}  // namespace
}  // namespace laso::staff
