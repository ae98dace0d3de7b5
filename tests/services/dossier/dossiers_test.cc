#include <set>

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "tests/services/dossier/dossier_fixture.h"

namespace laso::dossier {
namespace {

const char kCode[] = "H15.50.05.13-260302-0975";

class LookupTest : public DossierTest {
 protected:
  void SetUp() override {
    SyncOk({Record(kCode, "0901234567", "079123456789", 10,
                   {Ev("e1", v1::RECEIVED, "2026-03-02T08:30:00+07:00"),
                    Ev("e2", v1::PROCESSING, "2026-03-03T09:00:00+07:00", "Chuyển phòng chuyên môn")})});
  }
};

TEST_P(LookupTest, AnonymousLookupWithThePhoneOrTheIdNumbersLastSixDigits) {
  for (const char* verifier : {"0901234567", "+84 90 123 45 67", "456789", "079123456789"}) {
    auto d = Lookup(kCode, verifier);
    ASSERT_TRUE(d.ok()) << verifier << ": " << d.status();
    EXPECT_EQ(d->status(), v1::PROCESSING);
    EXPECT_EQ(d->status_code(), 4);
    EXPECT_EQ(d->status_label(), "Đang xử lý");
  }
  EXPECT_TRUE(Lookup(" h15.50.05.13-260302-0975 ", "456789").ok());  // codes are case-insensitive
}

TEST_P(LookupTest, AnUnknownCodeAndAWrongVerifierAnswerTheSame) {
  auto wrong_phone = Lookup(kCode, "0987654321");
  auto wrong_id = Lookup(kCode, "111111");
  auto unknown = Lookup("H15.50.05.13-260302-9999", "0901234567");
  for (const auto& r : {wrong_phone, wrong_id, unknown}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(r.status().message(), unknown.status().message());
  }
  EXPECT_EQ(Lookup(kCode, "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Lookup("H15.50.05.13-260302-9999", "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Lookup(kCode, "abc").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(LookupTest, TheApplicantSignedInWithTheirVerifiedPhoneNeedsNoVerifier) {
  EXPECT_TRUE(Lookup(kCode, "", Citizen("84901234567")).ok());
  // Another resident must verify like anyone else.
  EXPECT_EQ(Lookup(kCode, "", Citizen("84987654321")).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Lookup(kCode, "", Citizen("")).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(Lookup(kCode, "456789", Citizen("84987654321")).ok());
}

TEST_P(LookupTest, StaffReadWithinTheirRemit) {
  EXPECT_TRUE(Lookup(kCode, "", testing::TestIdentity::Staff(rpc::Role::OPERATOR, "tongdai-01")).ok());
  EXPECT_TRUE(Lookup(kCode, "", testing::TestIdentity::Staff(rpc::Role::OFFICER, "cb1", "H15.22")).ok());
  EXPECT_TRUE(Lookup(kCode, "", testing::TestIdentity::Staff(rpc::Role::OFFICER, "cb2", "H15.50.05.13")).ok());
  EXPECT_EQ(Lookup(kCode, "", testing::TestIdentity::Staff(rpc::Role::OFFICER, "cb3", "H15.99")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(LookupTest, TenWrongVerifiersLockTheCodeForAnonymousLookups) {
  for (int i = 0; i < 10; ++i) ASSERT_EQ(Lookup(kCode, absl::StrCat(100000 + i)).status().code(), absl::StatusCode::kNotFound);
  auto locked = Lookup(kCode, "456789");  // even the right one, for now
  EXPECT_EQ(locked.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ReasonOf(locked.status()), "LOOKUP_LOCKED");
  EXPECT_TRUE(Lookup(kCode, "", Citizen("84901234567")).ok());  // the applicant, signed in, still can
  // Guessing codes locks them the same way, so a lock does not reveal that a code exists.
  for (int i = 0; i < 10; ++i) Lookup("H15.50.05.13-260302-9999", "456789").IgnoreError();
  EXPECT_EQ(Lookup("H15.50.05.13-260302-9999", "456789").status().code(), absl::StatusCode::kResourceExhausted);
}

TEST_P(LookupTest, FailuresCountedByAnotherReplicaLockWithinASecond) {
  ASSERT_TRUE(Lookup(kCode, "456789").ok());  // this process now knows: no failures
  LookupGuard other(*redis_, *vault_, LookupGuardOptions{}, &clock_);
  for (int i = 0; i < 10; ++i) other.RecordFailure(kCode);
  clock_.Advance(absl::Seconds(2));
  EXPECT_EQ(ReasonOf(Lookup(kCode, "456789").status()), "LOOKUP_LOCKED");
}

TEST_P(LookupTest, AnswersCarryNoPersonalData) {
  auto d = Lookup(kCode, "456789");
  ASSERT_TRUE(d.ok());
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(*d, &json).ok());
  for (const char* secret : {"0901234567", "84901234567", "079123456789", "Nguyễn Văn An", "456789"}) {
    EXPECT_EQ(json.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(json.find("Chuyển phòng chuyên môn"), std::string::npos);
}

TEST_P(LookupTest, DueDateAndStandingAreInTheAnswer) {
  auto d = Lookup(kCode, "456789");  // clock: Mon 16 March 2026 09:00
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->due_at().seconds(), absl::ToUnixSeconds(At("2026-03-16T17:00:00+07:00")));
  EXPECT_EQ(d->timeliness(), v1::ON_TRACK);
  EXPECT_EQ(d->working_days_left(), 0);  // due today
  EXPECT_TRUE(d->has_received_at());
  EXPECT_FALSE(d->has_processed_at());  // not yet: absent, not 1970
  EXPECT_FALSE(d->has_returned_at());
  clock_.Advance(absl::Hours(24));
  d = Lookup(kCode, "456789");
  EXPECT_EQ(d->timeliness(), v1::OVERDUE);
  EXPECT_EQ(d->working_days_left(), -1);
  EXPECT_EQ(d->timeliness_label(), "Quá hạn");
}

TEST_P(LookupTest, EveryEventInvalidatesTheCache) {
  ASSERT_EQ(Lookup(kCode, "456789")->status(), v1::PROCESSING);  // now cached
  redis::Client probe(redis_server_.ClientOptions());
  EXPECT_TRUE(probe.Run({"EXISTS", absl::StrCat("laso:dossier:", kCode)})->integer == 1);
  v1::AddDossierEventsRequest req;
  req.set_code(kCode);
  *req.add_events() = Ev("e3", v1::PROCESSED, "2026-03-12T10:00:00+07:00");
  ASSERT_TRUE(dossiers_->AddEvents(Integration(), req).ok());
  EXPECT_EQ(Lookup(kCode, "456789")->status(), v1::PROCESSED);
}

TEST_P(LookupTest, AWriteIsSeenAtOnceThoughTheDossierIsCachedInProcess) {
  ASSERT_EQ(Lookup(kCode, "456789")->status(), v1::PROCESSING);
  redis::Client probe(redis_server_.ClientOptions());
  ASSERT_TRUE(probe.Run({"FLUSHALL"}).ok());  // only the in-process tier holds it now
  EXPECT_EQ(Lookup(kCode, "456789")->status(), v1::PROCESSING);
  v1::AddDossierEventsRequest req;
  req.set_code(kCode);
  *req.add_events() = Ev("e3", v1::SUPPLEMENT_REQUESTED, "2026-03-05T10:00:00+07:00");
  ASSERT_TRUE(dossiers_->AddEvents(Integration(), req).ok());
  EXPECT_EQ(Lookup(kCode, "456789")->status(), v1::SUPPLEMENT_REQUESTED);
}

TEST_P(LookupTest, WithRedisDownReadsAndWritesGoOn) {
  ASSERT_TRUE(Lookup(kCode, "456789").ok());
  redis_server_.Kill();
  // The applicant signed in reads from SQLite.
  auto d = Lookup(kCode, "", Citizen("84901234567"));
  ASSERT_TRUE(d.ok()) << d.status();
  // Writes commit (their events wait in the outbox).
  v1::AddDossierEventsRequest req;
  req.set_code(kCode);
  *req.add_events() = Ev("e3", v1::PROCESSED, "2026-03-12T10:00:00+07:00");
  ASSERT_TRUE(dossiers_->AddEvents(Integration(), req).ok());
  EXPECT_EQ(Lookup(kCode, "", Citizen("84901234567"))->status(), v1::PROCESSED);
  // Anonymous guessing cannot be counted without Redis: once the last count
  // read is older than a second, refused rather than unlimited.
  clock_.Advance(absl::Seconds(2));
  EXPECT_EQ(Lookup(kCode, "456789").status().code(), absl::StatusCode::kUnavailable);
}

TEST_P(DossierTest, MyDossiersNewestFirstInPages) {
  std::vector<v1::DossierRecord> records;
  for (int i = 0; i < 25; ++i) {
    std::string time = absl::StrCat("2026-02-", 10 + (i % 15), "T", 10 + i / 15, ":00:00+07:00");
    records.push_back(Record(absl::StrCat("H15.50.05.13-2602", 10 + i % 15, "-", 1000 + i), "0901234567",
                             "079123456789", 5, {Ev("e1", v1::RECEIVED, time.c_str())}));
  }
  records.push_back(Record("H15.50.05.13-260301-0001", "0912000000", "079000000001", 5,
                           {Ev("e1", v1::RECEIVED, "2026-03-01T10:00:00+07:00")}));
  SyncOk(records);
  std::vector<std::string> seen;
  v1::ListMyDossiersRequest req;
  req.set_page_size(10);
  int pages = 0;
  do {
    auto page = dossiers_->ListMine(Citizen("84901234567"), req);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& d : page->dossiers()) seen.push_back(d.code());
    req.set_page_token(page->next_page_token());
    ++pages;
  } while (!req.page_token().empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 25u);
  std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), 25u);
  auto first = Lookup(seen.front(), "456789");
  auto last = Lookup(seen.back(), "456789");
  EXPECT_GE(first->received_at().seconds(), last->received_at().seconds());
}

TEST_P(DossierTest, MyDossiersNeedAVerifiedPhone) {
  auto r = dossiers_->ListMine(Citizen(""), {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(r.status()), "PHONE_NOT_VERIFIED");
  v1::ListMyDossiersRequest bad;
  bad.set_page_token("!!!");
  EXPECT_EQ(dossiers_->ListMine(Citizen("84901234567"), bad).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace

LASO_ON_BOTH_ENGINES(LookupTest);

}  // namespace laso::dossier
