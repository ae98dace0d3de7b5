#include "services/privacy/audit_store.h"

#include <set>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/sql/rows.h"
#include "common/testing/at_once.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"
#include "services/privacy/privacy_store.h"

namespace laso::privacy {
namespace {

AuditRow Row(const std::string& event_id, const std::string& actor, const std::string& person, absl::Time at,
             const std::string& agency = "so-xd") {
  AuditRow row;
  audit::Recorded& r = row.recorded;
  r.event_id = event_id;
  r.service = "feedback";
  r.actor = actor;
  r.actor_role = agency.empty() ? "operator" : "officer";
  r.agency = agency;
  r.ip = "10.0.0.7";
  r.at = at;
  r.entry = audit::Entry{"read", "feedback/PA-2612-00001", {"reporter.name", "reporter.phone"}, person, "gọi lại"};
  return row;
}

class AuditStoreTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  AuditStoreTest() { store_ = std::move(*PrivacyStore::Open(database_.db())); }

  int Append(std::vector<AuditRow> rows) {
    int appended = -1;
    auto s = database_.db().Write([&](sql::Session& session) -> absl::Status {
      auto n = AppendAudit(session, rows);
      if (!n.ok()) return n.status();
      appended = *n;
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return appended;
  }
  ChainCheck Verify() {
    auto check = VerifyAuditChain(database_.db());
    EXPECT_TRUE(check.ok()) << check.status();
    return check.ok() ? *check : ChainCheck{};
  }
  void Tamper(const std::string& sql) {
    auto n = sql::WriteOne(database_.db(), sql);
    ASSERT_TRUE(n.ok()) << n.status();
    ASSERT_EQ(*n, 1);
  }

  testing::TempDir dir_;
  testing::TestDatabase database_{GetParam(), dir_.path(), "privacy"};
  std::unique_ptr<PrivacyStore> store_;
  absl::Time t0_ = absl::FromUnixSeconds(1796000000);
};

TEST_P(AuditStoreTest, EntriesChainInOrderAndAnEventReadTwiceIsKeptOnce) {
  EXPECT_EQ(Append({Row("e1", "staff:lan", "p1", t0_), Row("e2", "staff:binh", "p2", t0_ + absl::Minutes(1))}), 2);
  EXPECT_EQ(Append({Row("e2", "staff:binh", "p2", t0_ + absl::Minutes(1)), Row("e3", "staff:lan", "p1", t0_ + absl::Minutes(2))}), 1);
  ChainCheck check = Verify();
  EXPECT_EQ(check.entries, 3);
  EXPECT_FALSE(check.broken_seq.has_value()) << check.problem;

  auto all = FindAudit(database_.db(), AuditFilter{});
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].recorded.event_id, "e3");  // newest first
  EXPECT_EQ((*all)[0].prev_hash, (*all)[1].hash);
  EXPECT_EQ((*all)[1].prev_hash, (*all)[2].hash);
  EXPECT_EQ((*all)[2].prev_hash, kChainStart);
  EXPECT_EQ(check.head, (*all)[0].hash);
  EXPECT_EQ((*all)[2].recorded.entry.fields, (std::vector<std::string>{"reporter.name", "reporter.phone"}));
  EXPECT_EQ((*all)[2].recorded.entry.reason, "gọi lại");
}

TEST_P(AuditStoreTest, SearchesByActorPersonAgencyAndWindow) {
  Append({Row("e1", "staff:lan", "p1", t0_), Row("e2", "staff:binh", "p2", t0_ + absl::Hours(1), ""),
          Row("e3", "staff:lan", "p2", t0_ + absl::Hours(2))});
  auto ids = [&](AuditFilter f) {
    std::vector<std::string> out;
    auto rows = FindAudit(database_.db(), f);
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (rows.ok()) {
      for (const auto& r : *rows) out.push_back(r.recorded.event_id);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({.actor = "staff:lan"}), (V{"e3", "e1"}));
  EXPECT_EQ(ids({.person_key = "p2"}), (V{"e3", "e2"}));
  EXPECT_EQ(ids({.agency = "so-xd"}), (V{"e3", "e1"}));
  EXPECT_EQ(ids({.from = t0_ + absl::Minutes(30), .to = t0_ + absl::Hours(2)}), (V{"e2"}));
  EXPECT_EQ(ids({.before_seq = 3, .limit = 1}), (V{"e2"}));
}

TEST_P(AuditStoreTest, AnEditedEntryBreaksTheChainThere) {
  Append({Row("e1", "staff:lan", "p1", t0_), Row("e2", "staff:lan", "p1", t0_), Row("e3", "staff:lan", "p1", t0_)});
  Tamper("UPDATE audit_log SET actor = 'staff:someone-else' WHERE seq = 2");
  ChainCheck check = Verify();
  ASSERT_TRUE(check.broken_seq.has_value());
  EXPECT_EQ(*check.broken_seq, 2);
  EXPECT_EQ(check.broken_event_id, "e2");
  EXPECT_NE(check.problem.find("edited"), std::string::npos) << check.problem;
  EXPECT_EQ(check.entries, 1);
}

TEST_P(AuditStoreTest, ARemovedEntryOrARewrittenHashBreaksTheChainAtTheNext) {
  Append({Row("e1", "staff:lan", "p1", t0_), Row("e2", "staff:lan", "p1", t0_), Row("e3", "staff:lan", "p1", t0_)});
  Tamper("DELETE FROM audit_log WHERE seq = 2");
  ChainCheck gone = Verify();
  ASSERT_TRUE(gone.broken_seq.has_value());
  EXPECT_EQ(*gone.broken_seq, 3);
  EXPECT_NE(gone.problem.find("missing"), std::string::npos) << gone.problem;
}

TEST_P(AuditStoreTest, RehashingAnEditedEntryIsCaughtByTheNextLink) {
  Append({Row("e1", "staff:lan", "p1", t0_), Row("e2", "staff:lan", "p1", t0_), Row("e3", "staff:lan", "p1", t0_)});
  // Someone who edits an entry and writes its hash again still breaks the link of the one after it.
  auto rows = FindAudit(database_.db(), AuditFilter{});
  ASSERT_TRUE(rows.ok());
  AuditRow second = (*rows)[1];
  second.recorded.entry.reason = "không có gì";
  second.hash = ChainHash(second);
  Tamper(absl::StrCat("UPDATE audit_log SET reason = 'không có gì', hash = '", second.hash, "' WHERE seq = 2"));
  ChainCheck check = Verify();
  ASSERT_TRUE(check.broken_seq.has_value());
  EXPECT_EQ(*check.broken_seq, 3);
  EXPECT_NE(check.problem.find("link"), std::string::npos) << check.problem;
}

TEST_P(AuditStoreTest, ReplicasAppendingAtOnceMakeOneUnbrokenChain) {
  constexpr int kWriters = 4, kEach = 10;
  testing::RunAtOnce(kWriters, [&](int w) {
    for (int i = 0; i < kEach; ++i) {
      // Each event reaches two replicas (a take-over after a stall): it must be kept once.
      std::string id = absl::StrCat("e", (w / 2) * kEach + i);
      Append({Row(id, absl::StrCat("staff:w", w / 2), "p1", t0_ + absl::Seconds(i))});
    }
  });
  ChainCheck check = Verify();
  EXPECT_FALSE(check.broken_seq.has_value()) << check.problem;
  EXPECT_EQ(check.entries, kWriters / 2 * kEach);
  auto rows = FindAudit(database_.db(), AuditFilter{.limit = 1000});
  ASSERT_TRUE(rows.ok());
  std::set<std::string> ids;
  for (const auto& r : *rows) ids.insert(r.recorded.event_id);
  EXPECT_EQ(ids.size(), static_cast<size_t>(kWriters / 2 * kEach));
}

LASO_ON_BOTH_ENGINES(AuditStoreTest);

}  // namespace
}  // namespace laso::privacy
