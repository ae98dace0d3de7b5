#include "services/privacy/request_book.h"

#include <gtest/gtest.h>

#include "common/personal/request_desk.h"
#include "common/status/status.h"
#include "common/testing/engines.h"
#include "common/testing/outbox_rows.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "services/privacy/privacy_sink.h"
#include "services/privacy/privacy_store.h"

namespace laso::privacy {
namespace {

using nlohmann::json;
using rpc::Role;
using testing::TestIdentity;

crypto::JwtKeys Keys() {
  crypto::JwtKeys keys;
  keys.Add("k1", "0123456789abcdef0123456789abcdef");
  return keys;
}

// A holder that answers as a service would, counting what it was asked.
class FakeHolder : public personal::Holder {
 public:
  absl::StatusOr<json> Export(const personal::Person& p) override {
    ++exports;
    return json{{"subject", p.subject}, {"phone", p.phone}};
  }
  absl::StatusOr<json> Erase(const personal::Person& p) override {
    ++erasures;
    return json{{"erased", p.subject}};
  }
  int exports = 0, erasures = 0;
};

class RequestBookTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  RequestBookTest() {
    store_ = std::move(*PrivacyStore::Open(database_.db()));
    consents_ = std::make_unique<ConsentBook>(*store_, notices_, tokens_, &clock_);
    requests_ = std::make_unique<RequestBook>(database_.db(), vault_, events_vault_, *consents_, audit_, nullptr,
                                              RequestOptions{}, &clock_);
    sink_ = std::make_unique<PrivacySink>(database_.db(), audit_, *requests_);
  }

  // The privacy service's own outbox, as the stream would carry it.
  std::vector<outbox::StreamEvent> Published() {
    return testing::OutboxAsStream(database_.db(), "privacy", &stream_seq_);
  }
  // Every holder answers what the privacy service asked, through a desk of its own.
  void HoldersAnswer(const std::vector<std::string>& services) {
    for (const std::string& service : services) {
      testing::TempDir dir;
      testing::TestDatabase db{sql::Engine::kSqlite, dir.path(), service};
      ASSERT_TRUE(outbox::MigrateWithOutbox(db.db(), service, {}).ok());
      personal::RequestDesk desk(service, db.db(), holder_, events_vault_, &clock_);
      ASSERT_TRUE(desk.Handle(Published()).ok());
      std::vector<outbox::StreamEvent> answers = testing::OutboxAsStream(db.db(), service, &stream_seq_);
      ASSERT_TRUE(sink_->Accept(answers).ok());
      ASSERT_TRUE(sink_->Accept(answers).ok());  // read twice: kept once
    }
  }
  void Accept() {
    v1::UpdateMyConsentsRequest req;
    req.set_notice_version(notices_.current().version());
    for (const auto& p : notices_.current().purposes()) {
      auto* c = req.add_choices();
      c->set_purpose(p.code());
      c->set_granted(true);
    }
    ASSERT_TRUE(consents_->Update(an_, req).ok());
  }

  testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1796000000)};
  testing::TestDatabase database_{GetParam(), dir_.path(), "privacy"};
  crypto::PiiVault vault_ = *crypto::PiiVault::Open(dir_.path(), "privacy", &clock_);
  crypto::PiiVault events_vault_ = *crypto::PiiVault::Open(dir_.path(), "events", &clock_);
  Notices notices_ = *Notices::LoadDir(std::string(LASO_SOURCE_DIR) + "/deploy/data/privacy");
  auth::SessionTokens tokens_{Keys(), {}, &clock_};
  std::unique_ptr<PrivacyStore> store_;
  std::unique_ptr<ConsentBook> consents_;
  AuditBook audit_{database_.db(), vault_};
  std::unique_ptr<RequestBook> requests_;
  std::unique_ptr<PrivacySink> sink_;
  FakeHolder holder_;
  int stream_seq_ = 0;
  rpc::Caller an_ = TestIdentity::Citizen("3000000000000000001", "84901234567");
};

TEST_P(RequestBookTest, AnExportIsReadyWhenEveryHolderAnsweredAndOnlyItsOwnerDownloadsIt) {
  Accept();
  auto started = requests_->StartExport(an_);
  ASSERT_TRUE(started.ok()) << started.status();
  EXPECT_EQ(started->status(), "PENDING");
  EXPECT_EQ(requests_->StartExport(an_)->id(), started->id());  // asked again: the same one
  EXPECT_EQ(requests_->Download(an_).status().code(), absl::StatusCode::kFailedPrecondition);

  HoldersAnswer({"feedback", "billing", "waste"});
  EXPECT_EQ(requests_->Export(an_)->status(), "PENDING");  // notify has not answered
  HoldersAnswer({"notify"});
  auto ready = requests_->Export(an_);
  ASSERT_TRUE(ready.ok());
  EXPECT_EQ(ready->status(), "READY");
  for (const auto& s : ready->services()) EXPECT_TRUE(s.done()) << s.service();
  EXPECT_EQ(holder_.exports, 4);  // once per service, though each read the stream twice

  auto body = requests_->Download(an_);
  ASSERT_TRUE(body.ok()) << body.status();
  json doc = json::parse(body->data());
  EXPECT_EQ(doc["account"]["subject"], an_.subject());
  EXPECT_EQ(doc["services"]["feedback"]["phone"], "84901234567");  // the phone reached the holders, sealed
  EXPECT_EQ(doc["consents"]["acceptedVersion"], notices_.current().version());
  EXPECT_EQ(doc["services"].size(), 4u);

  rpc::Caller binh = TestIdentity::Citizen("3000000000000000002");
  EXPECT_EQ(requests_->Download(binh).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(requests_->Download(TestIdentity::Staff(Role::ADMIN, "root")).status().code(),
            absl::StatusCode::kPermissionDenied);

  clock_.Advance(absl::Hours(24 * 8));  // past privacy.keep_exports
  EXPECT_EQ(requests_->Export(an_)->status(), "EXPIRED");
  EXPECT_EQ(requests_->Download(an_).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(*requests_->Sweep(), 1);
  EXPECT_EQ(requests_->Export(an_).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(RequestBookTest, AnErasureForgetsTheResidentHereAndIsDoneWhenEveryServiceErased) {
  Accept();
  ASSERT_TRUE(requests_->StartExport(an_).ok());
  v1::EraseMeRequest unconfirmed;
  EXPECT_EQ(requests_->EraseMe(an_, unconfirmed).status().code(), absl::StatusCode::kInvalidArgument);
  v1::EraseMeRequest confirmed;
  confirmed.set_confirm(true);
  auto erasure = requests_->EraseMe(an_, confirmed);
  ASSERT_TRUE(erasure.ok()) << erasure.status();
  EXPECT_EQ(erasure->status(), "PENDING");
  // Here at once: no consents, no export.
  auto mine = consents_->Mine(an_);
  EXPECT_EQ(mine->accepted_version(), 0);
  EXPECT_TRUE(mine->history().empty());
  EXPECT_EQ(requests_->Export(an_).status().code(), absl::StatusCode::kNotFound);

  HoldersAnswer({"feedback", "billing", "waste", "notify"});
  v1::GetErasureRequest get;
  get.set_id(erasure->id());
  auto done = requests_->GetErasure(TestIdentity::Staff(Role::DPO, "dpo"), get);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->status(), "DONE");
  ASSERT_EQ(done->services_size(), 4);
  EXPECT_EQ(json::parse(done->services(0).summary())["erased"], an_.subject());
  EXPECT_EQ(requests_->GetErasure(an_, get).status().code(), absl::StatusCode::kPermissionDenied);
}

TEST_P(RequestBookTest, AnAdminErasesAtTheCounterWithAReasonThatTheAuditLogKeeps) {
  rpc::Caller admin = TestIdentity::Staff(Role::ADMIN, "root");
  v1::EraseResidentRequest req;
  req.set_subject("3000000000000000001");
  EXPECT_EQ(FieldViolations(requests_->EraseResident(admin, req).status())[0].field, "reason");
  req.set_reason("Người dân yêu cầu tại bộ phận một cửa, phiếu số 12");
  req.set_subject("not-a-zalo-id");
  EXPECT_EQ(FieldViolations(requests_->EraseResident(admin, req).status())[0].field, "subject");
  req.set_subject("3000000000000000001");
  EXPECT_EQ(requests_->EraseResident(TestIdentity::Staff(Role::OPERATOR, "op"), req).status().code(),
            absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(requests_->EraseResident(admin, req).ok());
  ASSERT_TRUE(sink_->Accept(Published()).ok());
  auto log = audit_.List(admin, {});
  ASSERT_EQ(log->entries_size(), 1);
  EXPECT_EQ(log->entries(0).action(), "privacy.erase");
  EXPECT_EQ(log->entries(0).reason(), req.reason());
  EXPECT_EQ(log->entries(0).person_key(), audit_.PersonKey(an_.subject()));
}

TEST_P(RequestBookTest, SignInsAreRecordedExportedErasedAndForgottenAfterTheirTime) {
  Accept();
  an_.set_client("zalo-mini-app");
  an_.set_client_ip("203.0.113.7");
  v1::BeginSessionRequest phone;
  phone.set_how("zalo_phone");
  auto standing = requests_->BeginSession(an_, phone);
  ASSERT_TRUE(standing.ok()) << standing.status();
  EXPECT_FALSE(standing->acceptance_needed());
  EXPECT_TRUE(standing->history().empty());  // the standing only
  clock_.Advance(absl::Hours(24 * 179));
  ASSERT_TRUE(requests_->BeginSession(an_, {}).ok());
  EXPECT_EQ(requests_->BeginSession(TestIdentity::Staff(Role::ADMIN, "root"), {}).status().code(),
            absl::StatusCode::kPermissionDenied);

  ASSERT_TRUE(requests_->StartExport(an_).ok());
  HoldersAnswer({"feedback", "billing", "waste", "notify"});
  json doc = json::parse(requests_->Download(an_)->data());
  ASSERT_EQ(doc["signIns"].size(), 2u);
  EXPECT_EQ(doc["signIns"][1]["how"], "zalo_phone");
  EXPECT_EQ(doc["signIns"][1]["client"], "zalo-mini-app");
  EXPECT_EQ(doc["signIns"][1]["ip"], "203.0.113.7");
  EXPECT_EQ(doc["signIns"][0]["how"], "zalo");

  // privacy.keep_sign_ins (180 days): the first goes, the second stays.
  clock_.Advance(absl::Hours(24 * 2));
  ASSERT_TRUE(requests_->Sweep().ok());
  EXPECT_EQ(SignInsOf(database_.db(), audit_.PersonKey(an_.subject()), 10)->size(), 1u);
  v1::EraseMeRequest confirmed;
  confirmed.set_confirm(true);
  ASSERT_TRUE(requests_->EraseMe(an_, confirmed).ok());
  EXPECT_TRUE(SignInsOf(database_.db(), audit_.PersonKey(an_.subject()), 10)->empty());
}

LASO_ON_BOTH_ENGINES(RequestBookTest);

}  // namespace
}  // namespace laso::privacy
