#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/testing/at_once.h"
#include "tests/services/dossier/dossier_fixture.h"

namespace laso::dossier {
namespace {

const char kCode[] = "H15.50.05.13-260302-0975";

std::vector<v1::DossierEvent> UsualPath() {
  return {Ev("e1", v1::RECEIVED, "2026-03-02T08:30:00+07:00"), Ev("e2", v1::PROCESSING, "2026-03-03T09:00:00+07:00"),
          Ev("e3", v1::PROCESSED, "2026-03-09T15:00:00+07:00")};
}

TEST_P(DossierTest, SyncIsIdempotentByEventId) {
  auto first = SyncOk({Record(kCode, "0901234567", "079123456789", 10, UsualPath())});
  EXPECT_EQ(first.dossiers_accepted(), 1);
  EXPECT_EQ(first.events_accepted(), 3);
  auto again = SyncOk({Record(kCode, "0901234567", "079123456789", 10, UsualPath())});
  EXPECT_EQ(again.events_accepted(), 0);
  EXPECT_EQ(again.events_duplicate(), 3);
  auto d = Lookup(kCode, "0901234567");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->history_size(), 3);
  EXPECT_EQ(Outbox().size(), 3u);  // one event per status change, not one per delivery
}

// The one-stop system may deliver parts of a new dossier's history in two syncs at
// once. On PostgreSQL they run side by side; the second waits for the first, so
// the stored state is derived from every event, not from whichever wrote last.
TEST_P(DossierTest, TwoSyncsOfANewDossierAtOnceKeepEveryEvent) {
  std::vector<v1::DossierEvent> all = UsualPath();
  for (int round = 0; round < 5; ++round) {
    std::string code = absl::StrCat("H15.50.05.13-260302-09", 10 + round);
    std::vector<v1::SyncDossiersRequest> parts(3);
    for (int part = 0; part < 3; ++part) {
      *parts[part].add_dossiers() = Record(code, "0901234567", "079123456789", 10, {all[part]});
    }
    testing::RunAtOnce(3, [&](int part) {
      auto resp = dossiers_->Sync(Integration(), parts[part]);
      EXPECT_TRUE(resp.ok()) << resp.status();
    });
    auto d = Lookup(code, "0901234567");
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_EQ(d->history_size(), 3);
    EXPECT_EQ(d->status(), v1::PROCESSED);  // the latest event's, whatever order the syncs ran in
  }
}

TEST_P(DossierTest, OutOfOrderEventsBuildTheSameHistory) {
  // The one-stop system sends PROCESSED before the PROCESSING it followed.
  SyncOk({Record(kCode, "0901234567", "079123456789", 10, {Ev("e1", v1::RECEIVED, "2026-03-02T08:30:00+07:00")})});
  v1::AddDossierEventsRequest late;
  late.set_code(kCode);
  *late.add_events() = Ev("e3", v1::PROCESSED, "2026-03-09T15:00:00+07:00");
  ASSERT_TRUE(dossiers_->AddEvents(Integration(), late).ok());
  late.clear_events();
  *late.add_events() = Ev("e2", v1::PROCESSING, "2026-03-03T09:00:00+07:00");
  auto added = dossiers_->AddEvents(Integration(), late);
  ASSERT_TRUE(added.ok()) << added.status();
  const v1::Dossier& d = added->dossier();
  EXPECT_EQ(d.status(), v1::PROCESSED);  // the latest event's status
  ASSERT_EQ(d.history_size(), 3);
  EXPECT_EQ(d.history(1).status(), v1::PROCESSING);  // ordered by event time

  // The same events in order give the same answer.
  SyncOk({Record("H15.50.05.13-260302-0976", "0901234567", "079123456789", 10, UsualPath())});
  auto in_order = Lookup("H15.50.05.13-260302-0976", "0901234567");
  ASSERT_TRUE(in_order.ok());
  EXPECT_EQ(in_order->status(), d.status());
  EXPECT_EQ(in_order->due_at().seconds(), d.due_at().seconds());
  EXPECT_EQ(in_order->timeliness(), d.timeliness());
}

TEST_P(DossierTest, ADisallowedTransitionIsRefusedAndNothingOfTheCallIsKept) {
  SyncOk({Record(kCode, "0901234567", "079123456789", 10, UsualPath())});
  v1::AddDossierEventsRequest req;
  req.set_code(kCode);
  *req.add_events() = Ev("e4", v1::RESULT_RETURNED, "2026-03-10T08:00:00+07:00");  // fine
  *req.add_events() = Ev("e5", v1::PROCESSING, "2026-03-10T09:00:00+07:00");      // after a return: no
  auto result = dossiers_->AddEvents(Integration(), req);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(result.status()), "TRANSITION_NOT_ALLOWED");
  EXPECT_NE(result.status().message().find("Đã trả kết quả"), std::string::npos);
  auto d = Lookup(kCode, "0901234567");
  EXPECT_EQ(d->status(), v1::PROCESSED);  // e4 was not kept either
  EXPECT_EQ(d->history_size(), 3);
}

TEST_P(DossierTest, EventsOfAnUnknownDossierAreNotFound) {
  v1::AddDossierEventsRequest req;
  req.set_code(kCode);
  *req.add_events() = Ev("e1", v1::RECEIVED, "2026-03-02T08:30:00+07:00");
  EXPECT_EQ(dossiers_->AddEvents(Integration(), req).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(DossierTest, ABatchReportsBadRecordsAndKeepsTheGoodOnes) {
  auto bad_phone = Record("H15.50.05.13-260302-0001", "12345", "079123456789", 10, UsualPath());
  auto bad_code = Record("not-a-code", "0901234567", "079123456789", 10, UsualPath());
  auto bad_event = Record("H15.50.05.13-260302-0002", "0901234567", "079123456789", 10, UsualPath());
  bad_event.mutable_events(1)->set_event_id("");
  auto good = Record("H15.50.05.13-260302-0003", "0901234567", "079123456789", 10, UsualPath());
  auto resp = SyncOk({bad_phone, bad_code, bad_event, good});
  EXPECT_EQ(resp.dossiers_accepted(), 2);  // the bad event's dossier is kept without it
  ASSERT_EQ(resp.rejected_size(), 3);
  EXPECT_EQ(resp.rejected(0).code(), "H15.50.05.13-260302-0001");
  EXPECT_EQ(resp.rejected(1).code(), "not-a-code");
  EXPECT_EQ(resp.rejected(2).code(), "H15.50.05.13-260302-0002");
  EXPECT_FALSE(resp.rejected(2).reason().empty());
  EXPECT_EQ(Lookup("H15.50.05.13-260302-0002", "0901234567")->history_size(), 2);
}

TEST_P(DossierTest, OnlyIntegrationsWriteAndBatchesAreBounded) {
  v1::SyncDossiersRequest req;
  *req.add_dossiers() = Record(kCode, "0901234567", "079123456789", 10, UsualPath());
  EXPECT_EQ(dossiers_->Sync(Citizen("84901234567"), req).status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(dossiers_->Sync(Anonymous(), req).status().code(), absl::StatusCode::kUnauthenticated);
  v1::SyncDossiersRequest big;
  for (int i = 0; i < Dossiers::kMaxSyncBatch + 1; ++i) *big.add_dossiers() = req.dossiers(0);
  EXPECT_EQ(dossiers_->Sync(Integration(), big).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(DossierTest, ApplicantDataIsEncryptedAtRest) {
  auto r = Record(kCode, "0901234567", "079123456789", 10, UsualPath());
  r.mutable_applicant()->set_name("Trương Thị Mỹ Lệ");
  SyncOk({r});
  std::string bytes = DatabaseBytes();
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.find("84901234567"), std::string::npos);
  EXPECT_EQ(bytes.find("0901234567"), std::string::npos);
  EXPECT_EQ(bytes.find("079123456789"), std::string::npos);
  EXPECT_EQ(bytes.find("Trương Thị Mỹ Lệ"), std::string::npos);
  EXPECT_NE(bytes.find("Văn phòng Đăng ký đất đai"), std::string::npos);  // while the rest is plain
}

TEST_P(DossierTest, EveryStatusChangeWritesAnOutboxEventForTheApplicant) {
  SyncOk({Record(kCode, "0901234567", "079123456789", 10, UsualPath())});
  auto events = Outbox();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2]["_type"], "dossier.status_changed");
  EXPECT_EQ(events[2]["code"], kCode);
  EXPECT_EQ(events[2]["status"], "PROCESSED");
  EXPECT_EQ(events[2]["statusLabel"], "Đã xử lý xong");
  EXPECT_EQ(events[2].dump().find("84901234567"), std::string::npos);
  std::string sealed;
  ASSERT_TRUE(absl::Base64Unescape(events[2]["recipient"]["phoneSealed"].get<std::string>(), &sealed));
  EXPECT_EQ(*events_vault_->Unseal(sealed, "event.recipient_phone"), "84901234567");

  // A change that arrives for a known dossier without its applicant still reaches them.
  v1::AddDossierEventsRequest req;
  req.set_code(kCode);
  *req.add_events() = Ev("e4", v1::RESULT_RETURNED, "2026-03-10T08:00:00+07:00");
  ASSERT_TRUE(dossiers_->AddEvents(Integration(), req).ok());
  events = Outbox();
  ASSERT_EQ(events.size(), 4u);
  ASSERT_TRUE(absl::Base64Unescape(events[3]["recipient"]["phoneSealed"].get<std::string>(), &sealed));
  EXPECT_EQ(*events_vault_->Unseal(sealed, "event.recipient_phone"), "84901234567");
}

TEST_P(DossierTest, LateHistoryDoesNotAnnounceAChange) {
  SyncOk({Record(kCode, "0901234567", "079123456789", 10, {Ev("e1", v1::RECEIVED, "2026-03-02T08:30:00+07:00"),
                                                            Ev("e3", v1::PROCESSED, "2026-03-09T15:00:00+07:00")})});
  size_t before = Outbox().size();
  v1::AddDossierEventsRequest req;
  req.set_code(kCode);
  *req.add_events() = Ev("e2", v1::PROCESSING, "2026-03-03T09:00:00+07:00");
  ASSERT_TRUE(dossiers_->AddEvents(Integration(), req).ok());
  EXPECT_EQ(Outbox().size(), before);  // history filled in, the citizen was told already
}

}  // namespace
}  // namespace laso::dossier
