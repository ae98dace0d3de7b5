#include "services/privacy/consent_book.h"

#include <atomic>
#include <fstream>

#include <gtest/gtest.h>

#include "common/testing/at_once.h"
#include "common/testing/engines.h"
#include "common/testing/outbox_rows.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"

namespace laso::privacy {
namespace {

using testing::TestIdentity;

std::string FieldOf(const absl::Status& status) {
  auto violations = FieldViolations(status);
  return violations.empty() ? "" : violations[0].field;
}

crypto::JwtKeys Keys() {
  crypto::JwtKeys keys;
  keys.Add("k1", "0123456789abcdef0123456789abcdef");
  return keys;
}

v1::UpdateMyConsentsRequest Choose(int version, bool zalo, bool location) {
  v1::UpdateMyConsentsRequest req;
  req.set_notice_version(version);
  auto add = [&](const char* purpose, bool granted) {
    auto* c = req.add_choices();
    c->set_purpose(purpose);
    c->set_granted(granted);
  };
  add("services", true);
  add("zalo_messages", zalo);
  add("location_reminders", location);
  return req;
}

class ConsentBookTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  ConsentBookTest() {
    store_ = std::move(*PrivacyStore::Open(database_.db()));
    book_ = std::make_unique<ConsentBook>(*store_, notices_, tokens_, &clock_);
  }
  int Current() const { return notices_.current().version(); }
  std::vector<nlohmann::json> Events() { return testing::OutboxRows(database_.db()); }

  testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1796000000)};
  testing::TestDatabase database_{GetParam(), dir_.path(), "privacy"};
  Notices notices_ = *Notices::LoadDir(std::string(LASO_SOURCE_DIR) + "/deploy/data/privacy");
  auth::SessionTokens tokens_{Keys(), {}, &clock_};
  std::unique_ptr<PrivacyStore> store_;
  std::unique_ptr<ConsentBook> book_;
  rpc::Caller an_ = TestIdentity::Citizen("3000000000000000001", "84901234567");
};

TEST_P(ConsentBookTest, ANewResidentMustAcceptBeforeAnything) {
  auto mine = book_->Mine(an_);
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_EQ(mine->notice_version(), Current());
  EXPECT_EQ(mine->accepted_version(), 0);
  EXPECT_TRUE(mine->acceptance_needed());
  ASSERT_EQ(mine->purposes_size(), 3);
  for (const auto& p : mine->purposes()) EXPECT_FALSE(p.granted()) << p.purpose();
  EXPECT_TRUE(mine->history().empty());
}

TEST_P(ConsentBookTest, AcceptingRecordsEachPurposeAndGivesATokenThatCarriesIt) {
  clock_.Advance(absl::Minutes(1));
  auto after = book_->Update(an_, Choose(Current(), /*zalo=*/true, /*location=*/false));
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->accepted_version(), Current());
  EXPECT_FALSE(after->acceptance_needed());
  EXPECT_EQ(after->history_size(), 3);

  auto token = tokens_.Verify(after->session().session_token());
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->caller.subject(), an_.subject());
  EXPECT_EQ(token->caller.phone(), "84901234567");
  EXPECT_EQ(token->caller.consent_version(), Current());
  ASSERT_EQ(token->caller.consents_size(), 1);
  EXPECT_EQ(token->caller.consents(0), "zalo_messages");

  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["type"], kConsentChangedEvent);
  EXPECT_EQ(events[0]["payload"]["subject"], an_.subject());
  EXPECT_EQ(events[0]["payload"]["granted"], nlohmann::json::array({"zalo_messages"}));

  auto again = book_->Mine(an_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->accepted_version(), Current());
  EXPECT_EQ(again->history_size(), 3);
  v1::GetMyConsentsRequest standing_only;
  standing_only.set_without_history(true);
  auto standing = book_->Mine(an_, standing_only);  // what a sign-in asks
  ASSERT_TRUE(standing.ok());
  EXPECT_EQ(standing->accepted_version(), Current());
  EXPECT_EQ(standing->history_size(), 0);
}

TEST_P(ConsentBookTest, WithdrawingRecordsOnlyWhatChangedAndTheSameChoicesChangeNothing) {
  ASSERT_TRUE(book_->Update(an_, Choose(Current(), true, true)).ok());
  clock_.Advance(absl::Hours(1));
  auto withdrawn = book_->Update(an_, Choose(Current(), false, true));
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status();
  ASSERT_EQ(withdrawn->history_size(), 4);
  EXPECT_EQ(withdrawn->history(0).purpose(), "zalo_messages");
  EXPECT_FALSE(withdrawn->history(0).granted());
  auto events = Events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1]["payload"]["granted"], nlohmann::json::array({"location_reminders"}));

  auto same = book_->Update(an_, Choose(Current(), false, true));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->history_size(), 4);
  EXPECT_EQ(Events().size(), 2u);
  EXPECT_FALSE(same->session().session_token().empty());
}

TEST_P(ConsentBookTest, ChoicesMustCoverTheCurrentNoticeAndGrantTheRequiredPurpose) {
  auto refuse_required = Choose(Current(), true, true);
  refuse_required.mutable_choices(0)->set_granted(false);
  auto refused = book_->Update(an_, refuse_required);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(refused.status()), "choices[0].granted");

  auto missing = Choose(Current(), true, true);
  missing.mutable_choices()->RemoveLast();
  EXPECT_EQ(FieldOf(book_->Update(an_, missing).status()), "choices");

  auto unknown = Choose(Current(), true, true);
  unknown.mutable_choices(2)->set_purpose("advertising");
  EXPECT_EQ(FieldOf(book_->Update(an_, unknown).status()), "choices[2].purpose");

  auto twice = Choose(Current(), true, true);
  twice.mutable_choices(2)->set_purpose("zalo_messages");
  EXPECT_EQ(FieldOf(book_->Update(an_, twice).status()), "choices[2].purpose");

  auto stale = book_->Update(an_, Choose(Current() + 1, true, true));
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(stale.status()), "NOTICE_CHANGED");

  EXPECT_TRUE(Events().empty());
  EXPECT_TRUE(book_->Mine(an_)->history().empty());
}

TEST_P(ConsentBookTest, OnlyResidentsHaveConsents) {
  rpc::Caller officer = TestIdentity::Staff(rpc::Role::OFFICER, "canbo", "H15.50");
  EXPECT_EQ(book_->Mine(officer).status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(book_->Update(officer, Choose(Current(), true, true)).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_P(ConsentBookTest, ANewNoticeVersionAsksAgain) {
  ASSERT_TRUE(book_->Update(an_, Choose(Current(), true, false)).ok());
  // Version 2 is published: the same purposes, a new text.
  testing::TempDir notices_dir;
  for (int v : {1, 2}) {
    v1::PrivacyNotice n = notices_.current();
    std::string body = absl::StrCat("version = ", v,
                                    "\npublished_on = 2026-12-01\ntitle = \"T\"\ncontroller = \"C\"\ncontact = \"1022\"\n"
                                    "text = \"Văn bản.\"\n");
    for (const auto& p : n.purposes()) {
      absl::StrAppend(&body, "[[purposes]]\ncode = \"", p.code(), "\"\nrequired = ", p.required() ? "true" : "false",
                      "\ntitle = \"t\"\ndescription = \"d\"\nretention = \"r\"\n");
    }
    std::ofstream(notices_dir.File(absl::StrCat("notice-v", v, ".toml"))) << body;
  }
  Notices newer = *Notices::LoadDir(notices_dir.path());
  ConsentBook after_publishing(*store_, newer, tokens_, &clock_);
  auto mine = after_publishing.Mine(an_);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->notice_version(), 2);
  EXPECT_EQ(mine->accepted_version(), 1);
  EXPECT_TRUE(mine->acceptance_needed());
  auto accepted = after_publishing.Update(an_, Choose(2, true, false));
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_FALSE(accepted->acceptance_needed());
  EXPECT_EQ(accepted->history_size(), 6);  // each purpose again, under version 2
}

// Two phones of one resident flipping Zalo messages at once, on their own
// connections: every recorded change is a real change, and the standing is the last one.
TEST_P(ConsentBookTest, ConcurrentChangesOfOneResidentRecordEachRealChangeOnce) {
  std::vector<std::unique_ptr<sql::Database>> handles;
  std::vector<std::unique_ptr<PrivacyStore>> stores;
  std::vector<std::unique_ptr<ConsentBook>> books;
  for (int i = 0; i < 4; ++i) {
    handles.push_back(database_.OpenAnother(2));
    stores.push_back(std::move(*PrivacyStore::Open(*handles.back())));
    books.push_back(std::make_unique<ConsentBook>(*stores.back(), notices_, tokens_, &clock_));
  }
  std::atomic<int> failures{0};
  testing::RunAtOnce(4, [&](int i) {
    for (int round = 0; round < 10; ++round) {
      if (!books[i]->Update(an_, Choose(Current(), (i + round) % 2 == 0, false)).ok()) ++failures;
    }
  });
  EXPECT_EQ(failures.load(), 0);
  auto mine = book_->Mine(an_);
  ASSERT_TRUE(mine.ok());
  // Newest first: each entry for zalo_messages differs from the one before it.
  std::vector<bool> zalo;
  for (const auto& h : mine->history()) {
    if (h.purpose() == "zalo_messages") zalo.insert(zalo.begin(), h.granted());
  }
  ASSERT_FALSE(zalo.empty());
  for (size_t i = 1; i < zalo.size(); ++i) EXPECT_NE(zalo[i], zalo[i - 1]) << "change " << i << " changed nothing";
  bool standing = false;
  for (const auto& p : mine->purposes()) {
    if (p.purpose() == "zalo_messages") standing = p.granted();
  }
  EXPECT_EQ(standing, zalo.back());
  EXPECT_EQ(Events().size(), 1 + (zalo.size() - 1));  // the first acceptance, then one per flip
}

LASO_ON_BOTH_ENGINES(ConsentBookTest);

}  // namespace
}  // namespace laso::privacy
