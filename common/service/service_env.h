#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/crypto/pii_vault.h"
#include "common/grpc/identity.h"
#include "common/grpc/server.h"
#include "common/redis/client.h"
#include "common/sql/database.h"
#include "common/sql/lease_keeper.h"
#include "common/time/working_day_calendar.h"

// What every laso service starts with, read from configuration: its keys are
// "<name>.listen" and "<name>.database" beside the shared ones.
namespace laso::service {

struct ServiceEnv {
  std::string name;
  config::Config config;
  std::string data_dir;
  std::unique_ptr<sql::Database> db;  // <name>.database: a SQLite file under data_dir, or PostgreSQL
  // The service's singleton work (the outbox relay, sweeps, scans) runs in the
  // one replica holding the lease "<name>" on its database: main() adds its
  // own with singletons->Add, or checks singletons->held() in a periodic task.
  std::unique_ptr<sql::LeaseKeeper> singletons;
  std::unique_ptr<redis::Client> redis;
  std::unique_ptr<rpc::IdentityVerifier> verifier;
  // Personal data at rest: the service's own keys (<data_dir>/keys/<name>-*.key),
  // and the keys shared by every service for phones carried in events.
  std::unique_ptr<crypto::PiiVault> vault;
  std::unique_ptr<crypto::PiiVault> events_vault;
  WorkingDayCalendar calendar;
  rpc::ServerOptions server;
};

// Loads configuration (defaults < file < LASO_*), sets up logging, creates the
// data directory, opens the database, the Redis client and the vaults, loads
// the internal key and the holiday calendar. Errors name what is wrong.
// `schema` is every key laso knows (LasoSchema(), services/laso_schema.h).
absl::StatusOr<std::unique_ptr<ServiceEnv>> LoadServiceEnv(const config::Schema& schema, const std::string& name,
                                                           int argc, char** argv);

// For main(), once everything is wired: starts the singletons (with the relay
// that publishes the service's outbox to the event stream, in whichever
// replica holds the lease), serves `service` until SIGTERM/SIGINT, then stops
// in order.
// Returns the exit code.
int ServeUntilSignal(ServiceEnv& env, grpc::Service& service);

// For main()'s periodic work: logs "<what> failed" with the error, unless `status` is OK.
void WarnIfFailed(absl::string_view what, const absl::Status& status);

// For main(): logs why a service cannot start and gives the exit code.
int ExitOnError(const std::string& name, const absl::Status& status);

}  // namespace laso::service
