// The retried-write rules, with a ledger in memory: no key does nothing, the
// same request is answered from the ledger, another request under the key is refused.
#include "common/idempotency/retried_write.h"

#include <map>

#include <gtest/gtest.h>

#include "common/status/status.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/wrappers.pb.h"

namespace laso::idempotency {
namespace {

class MemoryLedger : public Ledger {
 public:
  absl::StatusOr<std::optional<Entry>> Find(absl::string_view subject, absl::string_view key) override {
    auto it = entries_.find({std::string(subject), std::string(key)});
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  absl::Status Remember(absl::string_view subject, absl::string_view key, const Entry& entry, absl::Time) override {
    entries_[{std::string(subject), std::string(key)}] = entry;
    return absl::OkStatus();
  }
  absl::StatusOr<int64_t> Forget(absl::string_view subject) override {
    return static_cast<int64_t>(
        std::erase_if(entries_, [&](const auto& e) { return e.first.first == subject; }));
  }
  size_t size() const { return entries_.size(); }

 private:
  std::map<std::pair<std::string, std::string>, Entry> entries_;
};

rpc::Caller Resident(const std::string& subject = "zalo:101") {
  rpc::Caller c;
  c.set_role(rpc::Role::CITIZEN);
  c.set_subject(subject);
  return c;
}

google::protobuf::StringValue Text(const std::string& s) {
  google::protobuf::StringValue v;
  v.set_value(s);
  return v;
}

TEST(RetriedWriteTest, WithoutAKeyEveryCallIsANewWrite) {
  MemoryLedger ledger;
  RetriedWrite write(Resident(), "", "Subscribe", Text("a"));
  EXPECT_FALSE(write.keyed());
  ASSERT_TRUE(write.Remember(ledger, "answer", absl::Now()).ok());
  EXPECT_EQ(ledger.size(), 0u);
  EXPECT_FALSE(write.Replay(ledger)->has_value());
}

TEST(RetriedWriteTest, TheSameRequestAgainGetsTheFirstAnswer) {
  MemoryLedger ledger;
  RetriedWrite first(Resident(), "k1", "Subscribe", Text("a"));
  EXPECT_FALSE(first.Replay(ledger)->has_value());
  ASSERT_TRUE(first.Remember(ledger, Text("sub_1"), absl::Now()).ok());

  RetriedWrite again(Resident(), "k1", "Subscribe", Text("a"));
  google::protobuf::StringValue answer;
  auto replayed = again.ReplayInto(ledger, &answer);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_TRUE(*replayed);
  EXPECT_EQ(answer.value(), "sub_1");
}

TEST(RetriedWriteTest, AKeyCannotStandForAnotherRequestOrAnotherMethod) {
  MemoryLedger ledger;
  ASSERT_TRUE(RetriedWrite(Resident(), "k1", "Subscribe", Text("a")).Remember(ledger, "x", absl::Now()).ok());
  for (const RetriedWrite& other : {RetriedWrite(Resident(), "k1", "Subscribe", Text("b")),
                                    RetriedWrite(Resident(), "k1", "Unsubscribe", Text("a"))}) {
    auto replayed = other.Replay(ledger);
    EXPECT_EQ(replayed.status().code(), absl::StatusCode::kAlreadyExists);
    EXPECT_EQ(ReasonOf(replayed.status()), "IDEMPOTENCY_KEY_REUSED");
  }
  // Keys belong to their caller: another resident's "k1" is a new write.
  EXPECT_FALSE(RetriedWrite(Resident("zalo:202"), "k1", "Subscribe", Text("b")).Replay(ledger)->has_value());
}

TEST(RetriedWriteTest, RequestHashIsStableForMapsInAnyOrder) {
  google::protobuf::Struct a, b;
  for (int i = 0; i < 50; ++i) (*a.mutable_fields())[std::to_string(i)].set_number_value(i);
  for (int i = 49; i >= 0; --i) (*b.mutable_fields())[std::to_string(i)].set_number_value(i);
  EXPECT_EQ(RequestHash("Put", a), RequestHash("Put", b));
  EXPECT_NE(RequestHash("Put", a), RequestHash("Post", a));
}

TEST(RetriedWriteTest, AnAnswerThatDoesNotParseIsDataLoss) {
  MemoryLedger ledger;
  RetriedWrite write(Resident(), "k1", "Subscribe", Text("a"));
  ASSERT_TRUE(write.Remember(ledger, "\xff\xff\xff", absl::Now()).ok());
  google::protobuf::StringValue answer;
  EXPECT_EQ(write.ReplayInto(ledger, &answer).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace laso::idempotency
