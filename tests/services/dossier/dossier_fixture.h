#pragma once

#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/crypto/pii_vault.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/redis_server.h"
#include "common/testing/shipped_calendar.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "services/dossier/dossiers.h"
#include "services/dossier/sql_dossier_store.h"

namespace laso::dossier {

absl::Time At(const char* rfc3339);
v1::DossierEvent Ev(const std::string& id, v1::Status status, const char* time, const std::string& note = "");
// A dossier of a land-use procedure handled by the Tân An ward's one-stop desk.
v1::DossierRecord Record(const std::string& code, const std::string& phone, const std::string& id_number,
                         int processing_days, std::vector<v1::DossierEvent> events);

// Everything real but the clock: a SQLite file, a redis-server, key files.
class DossierTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  DossierTest();

  static rpc::Caller Integration() { return testing::TestIdentity::Staff(rpc::Role::INTEGRATION, "motcua"); }
  static rpc::Caller Citizen(const std::string& phone) { return testing::TestIdentity::Citizen("1", phone); }
  static rpc::Caller Anonymous() { return testing::TestIdentity::Anonymous(); }

  v1::SyncDossiersResponse SyncOk(std::vector<v1::DossierRecord> records);
  absl::StatusOr<v1::Dossier> Lookup(const std::string& code, const std::string& verifier,
                                     const rpc::Caller& caller = Anonymous());
  // Outbox rows, oldest first, as JSON payloads with their type.
  std::vector<nlohmann::json> Outbox();
  std::string DatabaseBytes();

  testing::TempDir dir_;
  FakeClock clock_{At("2026-03-16T09:00:00+07:00")};
  testing::RedisServer redis_server_;
  std::unique_ptr<redis::Client> redis_;
  testing::TestDatabase database_{GetParam(), dir_.path(), "dossier"};
  std::unique_ptr<SqlDossierStore> store_;
  std::unique_ptr<crypto::PiiVault> vault_;
  std::unique_ptr<crypto::PiiVault> events_vault_;
  std::unique_ptr<Timeline> timeline_;
  std::unique_ptr<ApplicantKeys> applicants_;
  std::unique_ptr<Ingestor> ingestor_;
  std::unique_ptr<DossierCache> cache_;
  std::unique_ptr<LookupGuard> guard_;
  std::unique_ptr<Dossiers> dossiers_;
};

}  // namespace laso::dossier
