#include "services/privacy/audit_book.h"

#include <gtest/gtest.h>

#include "common/status/status.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "services/privacy/privacy_sink.h"
#include "services/privacy/privacy_store.h"

namespace laso::privacy {
namespace {

using rpc::Role;
using testing::TestIdentity;

class AuditBookTest : public ::testing::TestWithParam<sql::Engine> {
 protected:

  outbox::StreamEvent StreamEventOf(const outbox::Event& e, const std::string& stream_id) {
    return outbox::StreamEvent{stream_id, e.id, e.type, e.subject, "", "feedback", e.payload};
  }
  // An officer of `agency` reading the phone of `resident`'s report.
  outbox::StreamEvent Read(const std::string& officer, const std::string& agency, const std::string& resident,
                           const std::string& stream_id) {
    rpc::Caller who = TestIdentity::Staff(agency.empty() ? Role::OPERATOR : Role::OFFICER, officer, agency);
    who.set_client_ip("10.0.0.9");
    clock_.Advance(absl::Minutes(1));
    return StreamEventOf(
        audit::EventOf("feedback", who, {"read", "feedback/PA-1", {"reporter.phone"}, resident, "gọi lại"}, clock_),
        stream_id);
  }

  testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1796000000)};
  testing::TestDatabase database_{GetParam(), dir_.path(), "privacy"};
  crypto::PiiVault vault_ = *crypto::PiiVault::Open(dir_.path(), "privacy", &clock_);
  std::unique_ptr<PrivacyStore> store_ = std::move(*PrivacyStore::Open(database_.db()));
  Notices notices_ = *Notices::LoadDir(std::string(LASO_SOURCE_DIR) + "/deploy/data/privacy");
  auth::SessionTokens tokens_{[] {
                                crypto::JwtKeys keys;
                                keys.Add("k1", "0123456789abcdef0123456789abcdef");
                                return keys;
                              }(),
                              {}, &clock_};
  ConsentBook consents_{*store_, notices_, tokens_, &clock_};
  AuditBook book_{database_.db(), vault_};
  RequestBook requests_{database_.db(), vault_, vault_, consents_, book_, nullptr, {}, &clock_};
  PrivacySink sink_{database_.db(), book_, requests_};
  rpc::Caller lan_ = TestIdentity::Citizen("3000000000000000001", "84901234567");
  rpc::Caller binh_ = TestIdentity::Citizen("3000000000000000002", "84907654321");
  rpc::Caller dpo_ = TestIdentity::Staff(Role::DPO, "dpo");
};

TEST_P(AuditBookTest, TheSinkKeepsAuditEventsInTheChainOnceWithItsCheckpoint) {
  outbox::StreamEvent other{"1-0", "x1", "feedback.assigned", "feedback/PA-1", "", "feedback", "{}"};
  outbox::StreamEvent broken{"2-0", "x2", audit::kEventType, "feedback/PA-1", "", "feedback", "{\"actor\":1}"};
  std::vector<outbox::StreamEvent> batch{other, broken, Read("an.nv", "so-xd", lan_.subject(), "3-0")};
  ASSERT_TRUE(sink_.Accept(batch).ok());
  ASSERT_TRUE(sink_.Accept(batch).ok());  // read again after a crash: nothing new
  EXPECT_EQ(*sink_.Checkpoint(), "3-0");
  auto all = book_.List(dpo_, {});
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->entries_size(), 1);
  const v1::AuditEntry& e = all->entries(0);
  EXPECT_EQ(e.actor(), "staff:an.nv");
  EXPECT_EQ(e.agency(), "so-xd");
  EXPECT_EQ(e.ip(), "10.0.0.9");
  EXPECT_EQ(e.reason(), "gọi lại");
  // The log names no resident in clear: a keyed hash, the same for every entry about them.
  EXPECT_EQ(e.person_key(), book_.PersonKey(lan_.subject()));
  EXPECT_EQ(e.person_key().find("3000000000000000001"), std::string::npos);
}

TEST_P(AuditBookTest, TheOfficerSearchesByResidentActorAndWindowAndOnlyAdminsAndTheDpoMay) {
  ASSERT_TRUE(sink_.Accept({Read("an.nv", "so-xd", lan_.subject(), "1-0"), Read("tu.op", "", binh_.subject(), "2-0"),
                            Read("an.nv", "so-xd", binh_.subject(), "3-0")})
                  .ok());
  v1::ListAuditRequest by_subject;
  by_subject.set_subject("3000000000000000002");  // the bare Zalo id works too
  EXPECT_EQ(book_.List(dpo_, by_subject)->entries_size(), 2);
  v1::ListAuditRequest by_actor;
  by_actor.set_actor("staff:an.nv");
  EXPECT_EQ(book_.List(TestIdentity::Staff(Role::ADMIN, "root"), by_actor)->entries_size(), 2);
  v1::ListAuditRequest window;
  window.set_from("2026-12-01");
  window.set_to("2026-12-01");
  EXPECT_EQ(book_.List(dpo_, window)->entries_size(), 0);
  window.set_from("bogus");
  EXPECT_EQ(book_.List(dpo_, window).status().code(), absl::StatusCode::kInvalidArgument);
  v1::ListAuditRequest paged;
  paged.set_page_size(2);
  auto first = book_.List(dpo_, paged);
  ASSERT_EQ(first->entries_size(), 2);
  paged.set_page_token(first->next_page_token());
  EXPECT_EQ(book_.List(dpo_, paged)->entries_size(), 1);

  for (const rpc::Caller& who : {TestIdentity::Staff(Role::OPERATOR, "tu.op"),
                                 TestIdentity::Staff(Role::OFFICER, "an.nv", "so-xd"), lan_}) {
    EXPECT_EQ(book_.List(who, {}).status().code(), absl::StatusCode::kPermissionDenied) << who.subject();
  }
}

TEST_P(AuditBookTest, AResidentSeesWhichAgencyLookedAndWhenButNoStaffNames) {
  ASSERT_TRUE(sink_.Accept({Read("an.nv", "so-xd", lan_.subject(), "1-0"), Read("tu.op", "", lan_.subject(), "2-0"),
                            Read("an.nv", "so-xd", binh_.subject(), "3-0")})
                  .ok());
  auto mine = book_.Mine(lan_, {});
  ASSERT_TRUE(mine.ok()) << mine.status();
  ASSERT_EQ(mine->entries_size(), 2);
  EXPECT_EQ(mine->entries(0).agency(), "1022");
  EXPECT_EQ(mine->entries(0).by(), "Tổng đài 1022");
  EXPECT_EQ(mine->entries(1).agency(), "so-xd");
  EXPECT_EQ(mine->entries(1).action_label(), "Xem thông tin cá nhân");
  EXPECT_EQ(mine->entries(1).fields(0), "reporter.phone");
  EXPECT_EQ(mine->entries(1).DebugString().find("an.nv"), std::string::npos);
  EXPECT_EQ(book_.Mine(TestIdentity::Staff(Role::ADMIN, "root"), {}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

LASO_ON_BOTH_ENGINES(AuditBookTest);

}  // namespace
}  // namespace laso::privacy
