// The ledger in a service's database, on both engines: what two replicas
// (two Database handles, real concurrent connections) do with one retried write.
#include "common/idempotency/sql_ledger.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/crypto/random.h"
#include "common/sql/rows.h"
#include "common/testing/at_once.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"
#include "google/protobuf/wrappers.pb.h"

namespace laso::idempotency {
namespace {

class SqlLedgerTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  SqlLedgerTest() : database_(GetParam(), dir_.path(), "ledger") {
    EXPECT_TRUE(MigrateLedger(database_.db()).ok());
    EXPECT_TRUE(MigrateLedger(database_.db()).ok());  // a second start changes nothing
    EXPECT_TRUE(database_.db()
                    .Write([](sql::Session& s) {
                      return s.Execute("CREATE TABLE subscriptions (id TEXT PRIMARY KEY)").status();
                    })
                    .ok());
  }

  // What a service does: in one transaction, answer a retry or write and remember.
  static absl::StatusOr<std::string> Subscribe(sql::Database& db, const std::string& key, const std::string& where,
                                               absl::Time now) {
    rpc::Caller caller;
    caller.set_subject("zalo:101");
    google::protobuf::StringValue request, answer;
    request.set_value(where);
    RetriedWrite retried(caller, key, "Subscribe", request);
    auto s = db.Write([&](sql::Session& session) -> absl::Status {
      SqlLedger ledger(session);
      auto replayed = retried.ReplayInto(ledger, &answer);
      if (!replayed.ok() || *replayed) return replayed.status();
      answer.set_value(absl::StrCat("sub_", crypto::RandomToken(8)));
      if (auto put = session.Execute("INSERT INTO subscriptions (id) VALUES ($1)", answer.value()); !put.ok()) {
        return put.status();
      }
      return retried.Remember(ledger, answer, now);
    });
    if (!s.ok()) return s;
    return answer.value();
  }
  int64_t Subscriptions() {
    int64_t n = -1;
    EXPECT_TRUE(database_.db()
                    .Read([&](sql::Session& s) -> absl::Status {
                      auto count = s.QueryInt("SELECT COUNT(*) FROM subscriptions", -1);
                      if (!count.ok()) return count.status();
                      n = *count;
                      return absl::OkStatus();
                    })
                    .ok());
    return n;
  }

  testing::TempDir dir_;
  testing::TestDatabase database_;
  absl::Time now_ = absl::FromUnixSeconds(1773630000);
};

TEST_P(SqlLedgerTest, ARetryOnAnotherReplicaGetsTheFirstAnswer) {
  auto replica_b = database_.OpenAnother();
  auto first = Subscribe(database_.db(), "k1", "Tân An", now_);
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = Subscribe(*replica_b, "k1", "Tân An", now_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(Subscriptions(), 1);
  EXPECT_EQ(Subscribe(*replica_b, "k1", "Bến Lức", now_).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(*Subscribe(*replica_b, "k2", "Tân An", now_), *first);
  EXPECT_EQ(Subscriptions(), 2);
}

// A phone that timed out sends again while the first is still running, and the
// load balancer puts the two on different replicas: one write, one answer.
TEST_P(SqlLedgerTest, RetriesAtOnceOnTwoReplicasWriteOnce) {
  constexpr int kTries = 8;
  auto replica_b = database_.OpenAnother();
  std::vector<absl::StatusOr<std::string>> answers(kTries);
  testing::RunAtOnce(kTries, [&](int i) {
    answers[i] = Subscribe(i % 2 == 0 ? database_.db() : *replica_b, "retried", "Tân An", now_);
  });
  for (const auto& a : answers) {
    ASSERT_TRUE(a.ok()) << a.status();
    EXPECT_EQ(*a, *answers[0]);
  }
  EXPECT_EQ(Subscriptions(), 1);
}

TEST_P(SqlLedgerTest, KeysAreForgottenAfterTheWindow) {
  auto first = Subscribe(database_.db(), "k1", "Tân An", now_);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*PruneLedger(database_.db(), now_), 0);
  EXPECT_EQ(*Subscribe(database_.db(), "k1", "Tân An", now_), *first);
  EXPECT_EQ(*PruneLedger(database_.db(), now_ + absl::Seconds(1)), 1);
  EXPECT_NE(*Subscribe(database_.db(), "k1", "Tân An", now_), *first);  // a week later the key is new
}

LASO_ON_BOTH_ENGINES(SqlLedgerTest);

}  // namespace
}  // namespace laso::idempotency
