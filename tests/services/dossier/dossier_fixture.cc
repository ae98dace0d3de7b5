#include "tests/services/dossier/dossier_fixture.h"

#include "common/testing/outbox_rows.h"
#include "common/time/rfc3339.h"

namespace laso::dossier {

absl::Time At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

v1::DossierEvent Ev(const std::string& id, v1::Status status, const char* time, const std::string& note) {
  v1::DossierEvent e;
  e.set_event_id(id);
  e.set_status(status);
  SetTimestamp(At(time), e.mutable_time());
  e.set_note(note);
  return e;
}

v1::DossierRecord Record(const std::string& code, const std::string& phone, const std::string& id_number,
                         int processing_days, std::vector<v1::DossierEvent> events) {
  v1::DossierRecord r;
  r.set_code(code);
  r.mutable_procedure()->set_code("1.004227");
  r.mutable_procedure()->set_name("Đăng ký biến động quyền sử dụng đất");
  r.mutable_procedure()->set_field("Đất đai");
  r.mutable_procedure()->set_processing_days(processing_days);
  r.mutable_receiving_agency()->set_code("H15.50.05.13");
  r.mutable_receiving_agency()->set_name("Bộ phận Một cửa UBND phường Tân An");
  r.mutable_handling_agency()->set_code("H15.22");
  r.mutable_handling_agency()->set_name("Văn phòng Đăng ký đất đai tỉnh");
  r.set_channel(v1::ONLINE);
  r.mutable_applicant()->set_name("Nguyễn Văn An");
  r.mutable_applicant()->set_phone(phone);
  r.mutable_applicant()->set_id_number(id_number);
  v1::Fee* fee = r.add_fees();
  fee->set_name("Lệ phí đăng ký biến động");
  fee->set_amount_vnd(50000);
  fee->set_paid(true);
  for (auto& e : events) *r.add_events() = std::move(e);
  return r;
}

DossierTest::DossierTest() {
  redis_ = std::make_unique<redis::Client>(redis_server_.ClientOptions());
  store_ = std::move(*SqlDossierStore::Open(database_.db(), &clock_));
  vault_ = std::make_unique<crypto::PiiVault>(*crypto::PiiVault::Open(dir_.path(), "dossier", &clock_));
  events_vault_ = std::make_unique<crypto::PiiVault>(*crypto::PiiVault::Open(dir_.path(), "events", &clock_));
  timeline_ = std::make_unique<Timeline>(testing::ShippedVietnamCalendar(), absl::Hours(17));
  applicants_ = std::make_unique<ApplicantKeys>(*vault_);
  ingestor_ = std::make_unique<Ingestor>(*timeline_, *applicants_, *events_vault_, &clock_);
  cache_ = std::make_unique<DossierCache>(*redis_, DossierCacheOptions{});
  guard_ = std::make_unique<LookupGuard>(*redis_, *vault_, LookupGuardOptions{}, &clock_);
  dossiers_ = std::make_unique<Dossiers>(*store_, cache_.get(), guard_.get(), *timeline_, *applicants_, *ingestor_,
                                         &clock_);
}

v1::SyncDossiersResponse DossierTest::SyncOk(std::vector<v1::DossierRecord> records) {
  v1::SyncDossiersRequest req;
  for (auto& r : records) *req.add_dossiers() = std::move(r);
  auto resp = dossiers_->Sync(Integration(), req);
  EXPECT_TRUE(resp.ok()) << resp.status();
  return resp.ok() ? *resp : v1::SyncDossiersResponse();
}

absl::StatusOr<v1::Dossier> DossierTest::Lookup(const std::string& code, const std::string& verifier,
                                                const rpc::Caller& caller) {
  v1::GetDossierRequest req;
  req.set_code(code);
  req.set_verifier(verifier);
  return dossiers_->Get(caller, req);
}

std::vector<nlohmann::json> DossierTest::Outbox() {
  std::vector<nlohmann::json> out;
  for (nlohmann::json& row : testing::OutboxRows(database_.db())) {
    nlohmann::json j = row["payload"];
    j["_type"] = row["type"];
    out.push_back(std::move(j));
  }
  return out;
}

std::string DossierTest::DatabaseBytes() { return database_.DiskBytes(); }

LASO_ON_BOTH_ENGINES(DossierTest);

}  // namespace laso::dossier
